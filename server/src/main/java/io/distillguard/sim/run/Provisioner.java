package io.distillguard.sim.run;

import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Registry;
import io.distillguard.registry.Tier;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.time.VirtualClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Creates a scenario's tiers, organisations, accounts and keys in the gateway's registry, in signup order, moving
 * the virtual clock (when there is one) to each signup time so the registry records when each account was created.
 * Everything is written in one registry transaction (thousands of accounts in seconds, not one commit per row).
 */
final class Provisioner {
    private Provisioner() {
    }

    /** Returns the plan's accounts with their keys, per population, in account order. */
    static List<List<SimAccount>> provision(ScenarioPlan plan, Registry registry, VirtualClock clock,
            BiConsumer<String, String> keyCreated) {
        return registry.inTransaction(() -> provisionAll(plan, registry, clock, keyCreated));
    }

    private static List<List<SimAccount>> provisionAll(ScenarioPlan plan, Registry registry, VirtualClock clock,
            BiConsumer<String, String> keyCreated) {
        for (Tier t : plan.tiers()) {
            registry.putTier(t).orElseThrow();
        }
        List<SimAccount> all = new ArrayList<>();
        plan.populations().forEach(p -> all.addAll(p.accounts()));
        all.sort(Comparator.comparingLong(SimAccount::signupMs).thenComparing(SimAccount::accountId));
        List<List<SimAccount>> out = new ArrayList<>();
        plan.populations().forEach(p -> out.add(new ArrayList<>(java.util.Collections.nCopies(p.accounts().size(),
                (SimAccount) null))));
        Set<String> orgs = new HashSet<>();
        for (SimAccount a : all) {
            if (clock != null) {
                clock.advanceTo(a.signupMs());
            }
            PopulationSpec spec = plan.populations().get(a.population()).spec();
            if (orgs.add(a.orgId()) && registry.org(a.orgId()).isEmpty()) {
                registry.createOrg(a.orgId(), a.orgId()).orElseThrow();
            }
            if (registry.account(a.accountId()).isEmpty()) {
                registry.createAccount(new NewAccount(a.accountId(), a.orgId(), spec.tier(), a.emailDomain(),
                        a.paymentFingerprint(), null, spec.attributes().signupPath(), spec.attributes().verified()))
                        .orElseThrow();
            }
            List<String> secrets = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < spec.keysPerAccount(); k++) {
                String keyId = ("k_" + a.accountId() + "_" + k).replaceAll("[^A-Za-z0-9_]", "_");
                var issued = registry.createKey(keyId + "_" + Long.toString(System.nanoTime() & 0xffffff, 36),
                        a.accountId(), "sim").orElseThrow();
                secrets.add(issued.secret());
                ids.add(issued.key().id());
                keyCreated.accept(issued.key().id(), a.accountId());
            }
            out.get(a.population()).set(a.index(), new SimAccount(a.population(), a.index(), a.accountId(),
                    a.orgId(), secrets, ids, a.trueEntity(), a.signupMs(), a.paymentFingerprint(), a.emailDomain()));
        }
        return out;
    }
}
