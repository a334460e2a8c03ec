package io.distillguard.bench;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.event.UsageEvent;
import io.distillguard.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures detector state per active account: 100,000 accounts with 20 events each. Prints the mean serialised size
 * of the traffic profiles (what a keyed state backend stores), their heap footprint (heap delta after GC with only
 * the profiles alive) and the heap of the whole engine (profiles, linker, ledger, entity state) per account.
 * Run with {@code java -Xmx4g -cp ... io.distillguard.bench.StateSizeReport}.
 */
public final class StateSizeReport {
    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        BenchTraffic traffic = new BenchTraffic(accounts, accounts * 20, 11);
        long before = usedAfterGc();
        List<TrafficProfile> profiles = new ArrayList<>(accounts);
        java.util.Map<String, TrafficProfile> byAccount = new java.util.HashMap<>();
        for (UsageEvent e : traffic.events) {
            TrafficProfile p = byAccount.computeIfAbsent(e.accountId(), a -> new TrafficProfile());
            p.update(e, traffic.directory.get(e.accountId()).tier(), 16_384);
        }
        profiles.addAll(byAccount.values());
        byAccount = null;
        long profilesHeap = usedAfterGc() - before;
        long bytes = 0;
        for (TrafficProfile p : profiles) {
            bytes += p.toBytes().length;
        }
        System.out.printf("accounts=%d serialised profile mean=%d B, heap per profile=%d B%n", profiles.size(),
                bytes / profiles.size(), profilesHeap / profiles.size());
        profiles = null;
        before = usedAfterGc();
        DetectionEngine engine = DetectionEngine.inMemory(DetectionConfig.defaults(), traffic.directory::get,
                alert -> { }, new VirtualClock(0));
        for (UsageEvent e : traffic.events) {
            engine.onEvent(e);
        }
        long engineHeap = usedAfterGc() - before;
        System.out.printf("whole engine heap per account=%d B (profiles + linker + ledger + entity state)%n",
                engineHeap / accounts);
        System.out.println(engine.linker().linkedEntities().size() + " linked entities");
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
