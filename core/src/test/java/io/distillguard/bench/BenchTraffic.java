package io.distillguard.bench;

import io.distillguard.detect.TestEvents;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** Synthetic traffic for the benchmarks: many accounts, a fifth of them campaign-like, in event-time order. */
final class BenchTraffic {
    final Map<String, AccountProfile> directory = new HashMap<>();
    final UsageEvent[] events;

    BenchTraffic(int accounts, int eventCount, long seed) {
        directory.putAll(directory(accounts));
        events = new UsageEvent[eventCount];
        int[] next = {0};
        forEachEvent(accounts, eventCount, seed, e -> events[next[0]++] = e);
    }

    /** The accounts' directory entries. */
    static Map<String, AccountProfile> directory(int accounts) {
        Map<String, AccountProfile> directory = new HashMap<>();
        for (int a = 0; a < accounts; a++) {
            String id = "acct" + a;
            AccountProfile base = TestEvents.account(id);
            directory.put(id, new AccountProfile(id, base.orgId(), base.tier(), base.createdAt(),
                    a % 5 == 0 ? "gmail.com" : "corp" + (a % 997) + ".com", "pf_" + (a % 5 == 0 ? a % 40 : a), null,
                    "self-serve", false, null));
        }
        return directory;
    }

    /**
     * The same events the constructor holds, made one at a time and not kept (for a million accounts, where the
     * array itself would need gigabytes).
     */
    static void forEachEvent(int accounts, int eventCount, long seed, Consumer<UsageEvent> sink) {
        Random random = new Random(seed);
        long t = TestEvents.T0;
        for (int i = 0; i < eventCount; i++) {
            t += random.nextInt(20);
            int a = random.nextInt(accounts);
            boolean campaign = a % 5 == 0;
            sink.accept(TestEvents.event("acct" + a, t)
                    .ip((campaign ? "45.9." + (a % 7) : "10." + (a % 250) + "." + (a / 250 % 250)) + ".1")
                    .templateHash(campaign ? 1 + random.nextInt(6) : random.nextLong())
                    .flags(campaign && random.nextBoolean() ? ContentFlag.REASONING_ELICITATION.bit() : 0)
                    .tokens(100 + random.nextInt(2000), 100 + random.nextInt(2000)).build());
        }
    }
}
