package io.distillguard.link;

/**
 * What an entity has obtained so far, summed over its accounts: the figures entity-level limits are enforced on.
 *
 * @param entityId     entity
 * @param accounts     number of accounts
 * @param requests     requests
 * @param inputTokens  input tokens
 * @param outputTokens output tokens
 * @param firstSeenMs  event time of its first request (Long.MAX_VALUE when none)
 * @param lastSeenMs   event time of its last request (Long.MIN_VALUE when none)
 */
public record EntityTotals(String entityId, int accounts, long requests, long inputTokens, long outputTokens,
                           long firstSeenMs, long lastSeenMs) {

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
