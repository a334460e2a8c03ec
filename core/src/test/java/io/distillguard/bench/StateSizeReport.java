package io.distillguard.bench;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.event.UsageEvent;
import io.distillguard.time.VirtualClock;
import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures detector state per active account: 100,000 accounts (or the count given) with 20 events each. Prints the mean serialised size
 * of the traffic profiles (what a keyed state backend stores), their heap footprint (heap delta after GC with only
 * the profiles alive) and the heap of the whole engine (profiles, linker, ledger, entity state) per account.
 * Run with {@code java -Xmx4g -cp ... io.distillguard.bench.StateSizeReport [accounts]} (1,000,000 accounts: -Xmx8g).
 */
public final class StateSizeReport {
    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Map<String, AccountProfile> directory = BenchTraffic.directory(accounts);
        profiles(directory, accounts);
        engine(directory, accounts);
    }

    /** The benchmark traffic, 20 events per account, made as it is consumed (not held: see BenchTraffic). */
    private static void replay(int accounts, Consumer<UsageEvent> sink) {
        BenchTraffic.forEachEvent(accounts, accounts * 20, 11, sink);
    }

    private static void profiles(Map<String, AccountProfile> directory, int accounts) {
        long before = usedAfterGc();
        Map<String, TrafficProfile> byAccount = new HashMap<>();
        replay(accounts, e -> byAccount.computeIfAbsent(e.accountId(), a -> new TrafficProfile())
                .update(e, directory.get(e.accountId()).tier(), 16_384));
        long heap = usedAfterGc() - before;
        long bytes = 0;
        for (TrafficProfile p : byAccount.values()) {
            bytes += p.toBytes().length;
        }
        int n = byAccount.size();
        System.out.printf("accounts=%d serialised profile mean=%d B, heap per profile (incl. map entry)=%d B%n", n,
                bytes / n, heap / n);
        Reference.reachabilityFence(byAccount);
    }

    private static void engine(Map<String, AccountProfile> directory, int accounts) {
        long before = usedAfterGc();
        DetectionEngine engine = DetectionEngine.inMemory(DetectionConfig.defaults(), directory::get,
                alert -> { }, new VirtualClock(0));
        long start = System.nanoTime();
        replay(accounts, engine::onEvent);
        double seconds = (System.nanoTime() - start) / 1e9;
        long heap = usedAfterGc() - before;
        System.out.printf("whole engine heap per account=%d B (profiles + linker + ledger + entity state);"
                + " %d events in %.1f s incl. making them (single run, not a benchmark); %d linked entities%n",
                heap / accounts, accounts * 20L, seconds, engine.linker().linkedEntities().size());
        Reference.reachabilityFence(engine);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private StateSizeReport() {
    }
}
