package io.distillguard.sim.run;

import io.distillguard.sim.scenario.AccountAttributes;
import io.distillguard.sim.scenario.Grouping;
import io.distillguard.sim.scenario.IpSpec;
import io.distillguard.sim.scenario.PaymentSpec;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.scenario.Scenario;
import java.util.SplittableRandom;

/**
 * Derives each simulated account's signup attributes and request origin from its population's spec and the seed:
 * ids, signup time, payment card, email domain, true entity, and the address/user agent/fingerprint of a request.
 */
final class AccountFactory {
    private AccountFactory() {
    }

    /** The account as it will be created (keys still empty). */
    static SimAccount plan(Scenario scenario, int pop, int i, SplittableRandom rnd) {
        PopulationSpec p = scenario.populations().get(pop);
        AccountAttributes a = p.attributes();
        String id = p.name() + "-" + i;
        long signup = scenario.startMs() + a.signup().at().millis()
                + (long) (a.signup().spread().millis() * ((i + rnd.nextDouble()) / p.accounts()));
        String org = p.org() == Grouping.POPULATION ? "org-" + p.name() : "org-" + id;
        String campaign = p.campaign() != null ? p.campaign() : p.name();
        String entity = p.entity() == Grouping.POPULATION ? campaign : id;
        return new SimAccount(pop, i, id, org, java.util.List.of(), java.util.List.of(), entity,
                Math.min(signup, scenario.startMs() - 1), payment(a.payment(), campaign, id, rnd),
                AccountAttributes.fill(a.emailDomain(), p.name(), i));
    }

    private static String payment(PaymentSpec spec, String campaign, String id, SplittableRandom rnd) {
        return switch (spec.mode()) {
            case NONE -> null;
            case UNIQUE -> "pf-" + id;
            case SHARED -> rnd.nextDouble() < spec.sharedFraction()
                    ? "pf-" + campaign + "-card" + rnd.nextInt(spec.cards()) : "pf-" + id;
        };
    }

    /** The client address of the account's {@code accountSeq}-th request ({@code salt}: the population's seed). */
    static String ip(IpSpec spec, int account, long accountSeq, long salt) {
        return switch (spec.mode()) {
            case SINGLE -> spec.prefix(0) + "10";
            case STICKY -> spec.prefix(account) + (1 + Math.floorMod(account * 7919L + 17, 250L));
            case ROTATING -> {
                long slot = accountSeq / spec.rotateEvery();
                SplittableRandom r = new SplittableRandom(salt ^ account * 0x9E3779B97F4A7C15L ^ slot * 0xC2B2AE3D27D4EB4FL);
                yield spec.prefix(r.nextInt(spec.pools().size())) + (1 + r.nextInt(254));
            }
        };
    }
}
