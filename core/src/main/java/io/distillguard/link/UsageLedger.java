package io.distillguard.link;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests and tokens per account and per entity. Written by the engine thread only; entity totals are read from any
 * thread (the gateway's entity-level limits). An account's counter lives in its {@link LinkState}; an unlinked
 * account's entity shares that counter, a linked entity has its own.
 */
final class UsageLedger {
    private final ConcurrentHashMap<String, Counter> byEntity = new ConcurrentHashMap<>();

    /** Single-writer counters, written with release and read with acquire semantics (cheap, never torn). */
    static final class Counter {
        private static final VarHandle REQUESTS;
        private static final VarHandle INPUT;
        private static final VarHandle OUTPUT;
        private static final VarHandle FIRST;
        private static final VarHandle LAST;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                REQUESTS = lookup.findVarHandle(Counter.class, "requests", long.class);
                INPUT = lookup.findVarHandle(Counter.class, "inputTokens", long.class);
                OUTPUT = lookup.findVarHandle(Counter.class, "outputTokens", long.class);
                FIRST = lookup.findVarHandle(Counter.class, "firstSeenMs", long.class);
                LAST = lookup.findVarHandle(Counter.class, "lastSeenMs", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int accounts;
        private long requests;
        private long inputTokens;
        private long outputTokens;
        private long firstSeenMs = Long.MAX_VALUE;
        private long lastSeenMs = Long.MIN_VALUE;

        Counter(int accounts) {
            this.accounts = accounts;
        }

        void add(long req, long in, long out, long first, long last) {
            REQUESTS.setRelease(this, requests + req);
            INPUT.setRelease(this, inputTokens + in);
            OUTPUT.setRelease(this, outputTokens + out);
            FIRST.setRelease(this, Math.min(firstSeenMs, first));
            LAST.setRelease(this, Math.max(lastSeenMs, last));
        }

        void addTo(Counter sum) {
            sum.add((long) REQUESTS.getAcquire(this), (long) INPUT.getAcquire(this), (long) OUTPUT.getAcquire(this),
                    (long) FIRST.getAcquire(this), (long) LAST.getAcquire(this));
        }

        EntityTotals totals(String entityId) {
            return new EntityTotals(entityId, accounts, (long) REQUESTS.getAcquire(this),
                    (long) INPUT.getAcquire(this), (long) OUTPUT.getAcquire(this), (long) FIRST.getAcquire(this),
                    (long) LAST.getAcquire(this));
        }
    }

    /** Counts one request of {@code account}; creates the counter of its own entity on the account's first request. */
    void record(LinkState account, long atMs, long inputTokens, long outputTokens) {
        account.usage.add(1, inputTokens, outputTokens, atMs, atMs);
        Counter entity = account.entityUsage;
        if (entity == null) {
            entity = byEntity.get(account.entity());
            if (entity == null) {
                entity = account.usage;
                byEntity.put(account.ownEntity, entity);
            }
            account.entityUsage = entity;
        }
        if (entity != account.usage) {
            entity.add(1, inputTokens, outputTokens, atMs, atMs);
        }
    }

    /** Recomputes the totals of {@code entityId} from its members' (after a merge or split) and points them at it. */
    void rebuild(String entityId, Collection<LinkState> members) {
        Counter entity;
        if (members.size() == 1) {
            entity = members.iterator().next().usage;
        } else {
            entity = new Counter(members.size());
            for (LinkState account : members) {
                account.usage.addTo(entity);
            }
        }
        byEntity.put(entityId, entity);
        for (LinkState account : members) {
            account.entityUsage = entity;
        }
    }

    void remove(String entityId) {
        byEntity.remove(entityId);
    }

    EntityTotals totals(String entityId) {
        Counter c = byEntity.get(entityId);
        if (c == null) {
            return new EntityTotals(entityId, 0, 0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE);
        }
        return c.totals(entityId);
    }
}
