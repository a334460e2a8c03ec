package io.distillguard.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The log probability of one generated token and its most likely alternatives, as chat, completions and responses
 * report them when logprobs are asked for.
 *
 * @param token   the token's text
 * @param logprob its natural-log probability (&lt;= 0)
 * @param top     the most likely tokens at this position, most likely first (empty unless top_logprobs &gt; 0)
 */
public record TokenLogprob(String token, double logprob, List<Alternative> top) {

    /** One candidate token at a position. */
    public record Alternative(String token, double logprob) {
    }

    public TokenLogprob {
        top = List.copyOf(top);
    }

    /** The UTF-8 bytes of a token as the unsigned ints the API reports. */
    public static List<Integer> bytes(String token) {
        byte[] raw = token.getBytes(StandardCharsets.UTF_8);
        List<Integer> out = new ArrayList<>(raw.length);
        for (byte b : raw) {
            out.add(b & 0xff);
        }
        return out;
    }
}
