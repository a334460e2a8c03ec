package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON fragments several endpoints share: usage objects and per-token logprobs in the chat and legacy shapes. */
final class Wire {

    static final String SYSTEM_FINGERPRINT = "fp_distillguard_sim";

    private Wire() {
    }

    /** Chat / completions usage; reasoning tokens are part of the completion tokens as OpenAI counts them. */
    static JsonObject usage(int promptTokens, int completionTokens, int reasoningTokens) {
        return new JsonObject()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens)
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", 0).put("audio_tokens", 0))
                .put("completion_tokens_details", new JsonObject()
                        .put("reasoning_tokens", reasoningTokens).put("audio_tokens", 0)
                        .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0));
    }

    /** Chat logprob entries ({@code token, logprob, bytes, top_logprobs}) of some tokens. */
    static JsonArray chatLogprobs(List<TokenLogprob> logprobs) {
        JsonArray content = new JsonArray();
        for (TokenLogprob lp : logprobs) {
            JsonArray top = new JsonArray();
            for (TokenLogprob.Alternative alt : lp.top()) {
                top.add(new JsonObject().put("token", alt.token()).put("logprob", alt.logprob())
                        .put("bytes", new JsonArray(TokenLogprob.bytes(alt.token()))));
            }
            content.add(new JsonObject().put("token", lp.token()).put("logprob", lp.logprob())
                    .put("bytes", new JsonArray(TokenLogprob.bytes(lp.token()))).put("top_logprobs", top));
        }
        return content;
    }

    /** Legacy completions logprobs ({@code tokens, token_logprobs, top_logprobs, text_offset}) from an offset. */
    static JsonObject legacyLogprobs(List<TokenLogprob> logprobs, int textOffset) {
        JsonArray tokens = new JsonArray();
        JsonArray values = new JsonArray();
        JsonArray tops = new JsonArray();
        JsonArray offsets = new JsonArray();
        int offset = textOffset;
        for (TokenLogprob lp : logprobs) {
            tokens.add(lp.token());
            values.add(lp.logprob());
            JsonObject top = new JsonObject();
            lp.top().forEach(alt -> top.put(alt.token(), alt.logprob()));
            tops.add(top);
            offsets.add(offset);
            offset += lp.token().length();
        }
        return new JsonObject().put("tokens", tokens).put("token_logprobs", values).put("top_logprobs", tops)
                .put("text_offset", offsets);
    }
}
