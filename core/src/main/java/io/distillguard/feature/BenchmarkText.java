package io.distillguard.feature;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The comparable content of a benchmark item or prompt: its word tokens (normalised, punctuation dropped, single
 * Latin letters such as option labels and articles dropped, so reformatting answer options changes nothing), their
 * adjacent-pair hashes, and where its sentences and lines start, so that a prompt can be compared span by span.
 */
final class BenchmarkText {

    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    /** Hash of token pair i (tokens i, i+1); a single token's hash when there is only one. */
    final long[] pairs;
    /** Token index at which each unit (sentence or line) starts, ascending, first 0. */
    final int[] unitStarts;
    final int tokenCount;

    private BenchmarkText(long[] pairs, int[] unitStarts, int tokenCount) {
        this.pairs = pairs;
        this.unitStarts = unitStarts;
        this.tokenCount = tokenCount;
    }

    static BenchmarkText of(String raw) {
        String text = TextNormalizer.normalize(raw);
        long[] tokenHashes = new long[16];
        int n = 0;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int unitStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? '\n' : text.charAt(i);
            boolean boundary = c == '\n' || c == '。' || c == '？' || c == '！' || c == '：'
                    || ((c == '.' || c == '?' || c == '!' || c == ':' || c == ';')
                    && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1))));
            if (boundary) {
                for (String t : WordTokens.of(text.substring(unitStart, i))) {
                    if (!(t.length() == 1 && t.charAt(0) >= 'a' && t.charAt(0) <= 'z')) {
                        if (n == tokenHashes.length) {
                            tokenHashes = Arrays.copyOf(tokenHashes, n * 2);
                        }
                        tokenHashes[n++] = XXH3.hashCharsToLong(t);
                    }
                }
                if (n > starts.getLast()) {
                    starts.add(n);
                }
                unitStart = i + 1;
            }
        }
        starts.removeLast();
        long[] pairs = new long[n <= 1 ? n : n - 1];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = n == 1 ? tokenHashes[0] : XXH3.hashLongLongToLong(tokenHashes[i], tokenHashes[i + 1]);
        }
        return new BenchmarkText(pairs, starts.stream().mapToInt(Integer::intValue).toArray(), n);
    }

    int units() {
        return unitStarts.length;
    }
}
