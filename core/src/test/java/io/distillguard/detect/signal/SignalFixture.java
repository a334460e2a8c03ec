package io.distillguard.detect.signal;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.TestEvents;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Feeds events into per-account traffic profiles and population baselines, then builds an entity view. */
final class SignalFixture {
    final PopulationBaselines baselines = new PopulationBaselines();
    final DetectionConfig config = DetectionConfig.defaults();
    private final Map<String, TrafficProfile> profiles = new LinkedHashMap<>();
    private final Map<String, AccountProfile> accounts = new LinkedHashMap<>();
    private long lastMs;

    /** Registers an account with its own attributes (signup time, tier) before its events are added. */
    void account(AccountProfile account) {
        accounts.put(account.accountId(), account);
    }

    void add(UsageEvent e) {
        AccountProfile account = accounts.computeIfAbsent(e.accountId(), TestEvents::account);
        TrafficProfile profile = profiles.computeIfAbsent(e.accountId(), a -> new TrafficProfile());
        baselines.record(e);
        long closed = profile.update(e, account.tier(), config.maxTokensCeiling());
        if (closed >= 0) {
            baselines.recordActiveHour(account.tier().name(), closed);
        }
        lastMs = Math.max(lastMs, e.timestampMs());
    }

    void addAll(List<UsageEvent> events) {
        events.stream().sorted(java.util.Comparator.comparingLong(UsageEvent::timestampMs)).forEach(this::add);
    }

    EntityView view(String... accountIds) {
        List<Member> members = new ArrayList<>();
        for (String id : accountIds) {
            members.add(new Member(accounts.get(id), profiles.get(id)));
        }
        TrafficProfile total = members.getFirst().traffic().copy();
        for (int i = 1; i < members.size(); i++) {
            total.merge(members.get(i).traffic());
        }
        return new EntityView("ent_" + accountIds[0], lastMs, total, members, baselines, config);
    }

    /** {@code signal}'s reading of the entity made of these accounts. */
    SignalScore score(Signal signal, String... accountIds) {
        return signal.score(view(accountIds));
    }

    /** Ordinary peer traffic on tier-1: {@code accounts} people, each a few sessions a day for {@code days}. */
    void peers(int accountsCount, int days, java.util.Random random) {
        List<UsageEvent> events = new ArrayList<>();
        for (int a = 0; a < accountsCount; a++) {
            String id = "peer" + a;
            for (int d = 0; d < days; d++) {
                for (int s = 0; s < 3; s++) {
                    long t = TestEvents.T0 + d * 86_400_000L + (8 + random.nextInt(10)) * 3_600_000L;
                    for (int r = 0; r < 4 + random.nextInt(8); r++) {
                        t += (long) (-Math.log(1 - random.nextDouble()) * 60_000);
                        events.add(TestEvents.event(id, t).tokens(300 + random.nextInt(600), 400 + random.nextInt(900))
                                .userTurns(1 + random.nextInt(4)).build());
                    }
                }
            }
        }
        addAll(events);
    }
}
