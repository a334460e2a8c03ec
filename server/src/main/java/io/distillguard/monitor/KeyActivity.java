package io.distillguard.monitor;

import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each API key's own traffic over the last hour (requests, tokens, logprobs requests, logit_bias probes), so that the
 * detection-to-policy bridge can hand key-scoped rules the key that actually did something. Twelve five-minute
 * buckets per key, at most {@code maxKeys} keys (the least recently seen is forgotten first): bounded memory.
 * Confined to the detection thread (not thread-safe).
 */
public final class KeyActivity {
    static final long WINDOW_MS = 3_600_000;
    private static final int BUCKETS = 12;
    private static final long BUCKET_MS = WINDOW_MS / BUCKETS;

    private final int maxKeys;
    private final Map<String, Set<String>> keysByAccount = new HashMap<>();
    private final LinkedHashMap<String, Counts> byKey;

    public KeyActivity(int maxKeys) {
        this.maxKeys = maxKeys;
        this.byKey = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counts> eldest) {
                boolean evict = size() > KeyActivity.this.maxKeys;
                if (evict) {
                    forgetIndex(eldest.getKey(), eldest.getValue().accountId);
                }
                return evict;
            }
        };
    }

    /** One key's counts over the last hour. */
    public record KeyWindow(String keyId, String accountId, long requests, long tokens, long logprobsRequests,
            long logitBiasProbes) {
    }

    public void record(UsageEvent e) {
        if (e.keyId() == null || e.accountId() == null) {
            return;
        }
        Counts c = byKey.get(e.keyId());
        if (c == null || !c.accountId.equals(e.accountId())) {
            if (c != null) {
                forgetIndex(e.keyId(), c.accountId);
            }
            c = new Counts(e.accountId());
            byKey.put(e.keyId(), c);
            keysByAccount.computeIfAbsent(e.accountId(), a -> new HashSet<>()).add(e.keyId());
        }
        RequestParams p = e.params();
        boolean logprobs = p.logprobs() || p.topLogprobs() > 0;
        c.add(e.timestampMs(), e.inputTokens() + e.outputTokens(), logprobs, logprobs && p.logitBiasSize() > 0);
    }

    /** The keys of {@code accounts} with traffic in the hour before {@code nowMs}, busiest first. */
    public List<KeyWindow> recent(Collection<String> accounts, long nowMs) {
        List<KeyWindow> out = new ArrayList<>();
        for (String account : accounts) {
            for (String key : keysByAccount.getOrDefault(account, Set.of())) {
                KeyWindow w = byKey.get(key).window(key, nowMs);
                if (w.requests() > 0) {
                    out.add(w);
                }
            }
        }
        out.sort(Comparator.comparingLong(KeyWindow::requests).reversed().thenComparing(KeyWindow::keyId));
        return out;
    }

    public int size() {
        return byKey.size();
    }

    private void forgetIndex(String keyId, String accountId) {
        Set<String> keys = keysByAccount.get(accountId);
        if (keys != null && keys.remove(keyId) && keys.isEmpty()) {
            keysByAccount.remove(accountId);
        }
    }

    /** Ring of five-minute buckets; a bucket is reset when its slot comes round again. */
    private static final class Counts {
        final String accountId;
        final long[] epoch = new long[BUCKETS];
        final long[][] values = new long[BUCKETS][4]; // requests, tokens, logprobs, logit-bias probes

        Counts(String accountId) {
            this.accountId = accountId;
            Arrays.fill(epoch, -1);
        }

        void add(long atMs, long tokens, boolean logprobs, boolean probe) {
            long bucket = Math.floorDiv(atMs, BUCKET_MS);
            int slot = (int) Math.floorMod(bucket, BUCKETS);
            if (epoch[slot] != bucket) {
                epoch[slot] = bucket;
                Arrays.fill(values[slot], 0);
            }
            values[slot][0]++;
            values[slot][1] += tokens;
            values[slot][2] += logprobs ? 1 : 0;
            values[slot][3] += probe ? 1 : 0;
        }

        KeyWindow window(String keyId, long nowMs) {
            long newest = Math.floorDiv(nowMs, BUCKET_MS);
            long[] sum = new long[4];
            for (int i = 0; i < BUCKETS; i++) {
                if (epoch[i] > newest - BUCKETS && epoch[i] <= newest) {
                    for (int j = 0; j < 4; j++) {
                        sum[j] += values[i][j];
                    }
                }
            }
            return new KeyWindow(keyId, accountId, sum[0], sum[1], sum[2], sum[3]);
        }
    }
}
