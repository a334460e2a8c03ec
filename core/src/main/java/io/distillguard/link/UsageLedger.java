package io.distillguard.link;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests and tokens per account and per entity. Written by the engine thread only; entity totals are read from any
 * thread (the gateway's entity-level limits), so they live in volatile fields of single-writer counters.
 */
final class UsageLedger {
    private final Map<String, Counter> byAccount = new HashMap<>();
    private final ConcurrentHashMap<String, Counter> byEntity = new ConcurrentHashMap<>();

    /** Single-writer counters; volatile so that readers on other threads see recent values. */
    static final class Counter {
        volatile int accounts;
        volatile long requests;
        volatile long inputTokens;
        volatile long outputTokens;
        volatile long firstSeenMs = Long.MAX_VALUE;
        volatile long lastSeenMs = Long.MIN_VALUE;

        void add(long req, long in, long out, long first, long last) {
            requests = requests + req;
            inputTokens = inputTokens + in;
            outputTokens = outputTokens + out;
            firstSeenMs = Math.min(firstSeenMs, first);
            lastSeenMs = Math.max(lastSeenMs, last);
        }
    }

    /** The counter of {@code accountId}, created on first use. */
    Counter account(String accountId) {
        return byAccount.computeIfAbsent(accountId, a -> new Counter());
    }

    void record(Counter account, String entityId, long atMs, long inputTokens, long outputTokens) {
        account.add(1, inputTokens, outputTokens, atMs, atMs);
        Counter entity = byEntity.get(entityId);
        if (entity == null) {
            entity = new Counter();
            entity.accounts = 1;
            byEntity.put(entityId, entity);
        }
        entity.add(1, inputTokens, outputTokens, atMs, atMs);
    }

    /** Recomputes the totals of {@code entityId} from its members' (after a merge or split). */
    void rebuild(String entityId, Collection<String> members) {
        Counter entity = new Counter();
        entity.accounts = members.size();
        for (String account : members) {
            Counter c = byAccount.get(account);
            if (c != null) {
                entity.add(c.requests, c.inputTokens, c.outputTokens, c.firstSeenMs, c.lastSeenMs);
            }
        }
        byEntity.put(entityId, entity);
    }

    void remove(String entityId) {
        byEntity.remove(entityId);
    }

    EntityTotals totals(String entityId) {
        Counter c = byEntity.get(entityId);
        if (c == null) {
            return new EntityTotals(entityId, 0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        return new EntityTotals(entityId, c.accounts, c.requests, c.inputTokens, c.outputTokens, c.firstSeenMs,
                c.lastSeenMs);
    }
}
