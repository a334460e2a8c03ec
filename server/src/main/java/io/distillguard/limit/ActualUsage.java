package io.distillguard.limit;

/** What a request really used, from the upstream's usage block (or the gateway's own count of a stream). */
public record ActualUsage(long inputTokens, long outputTokens) {

    public static final ActualUsage NONE = new ActualUsage(0, 0);

    public ActualUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("negative usage: " + inputTokens + "/" + outputTokens);
        }
    }
}
