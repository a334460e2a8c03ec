package io.distillguard.limit;

/**
 * Formats durations the way the OpenAI API writes them in {@code x-ratelimit-reset-*} headers and 429 messages (Go's
 * duration format at millisecond precision): "20ms", "1s", "9.816s", "6m0s", "1h2m3s".
 */
public final class OpenAiDurations {

    private OpenAiDurations() {
    }

    /** {@code millis} (0 or more) in OpenAI's format. */
    public static String format(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration: " + millis);
        }
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long fraction = millis % 1000;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        out.append(seconds);
        if (fraction > 0) {
            out.append('.').append((char) ('0' + fraction / 100));
            if (fraction % 100 != 0) {
                out.append((char) ('0' + fraction / 10 % 10));
                if (fraction % 10 != 0) {
                    out.append((char) ('0' + fraction % 10));
                }
            }
        }
        return out.append('s').toString();
    }
}
