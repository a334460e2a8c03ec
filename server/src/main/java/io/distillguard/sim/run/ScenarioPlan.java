package io.distillguard.sim.run;

import io.distillguard.registry.DefaultTiers;
import io.distillguard.registry.Tier;
import io.distillguard.sim.behaviour.Behaviours;
import io.distillguard.sim.scenario.ArrivalSpec;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.scenario.PromptSpec;
import io.distillguard.sim.scenario.Scenario;
import io.distillguard.sim.scenario.TierSpec;
import io.distillguard.sim.source.ArrivalSources;
import io.distillguard.sim.source.ArrivalWindow;
import io.distillguard.sim.source.PromptPool;
import io.distillguard.sim.source.PromptSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A scenario with its files read and its randomness drawn from the seed: tiers, and for each population its prompts,
 * arrivals and accounts. Built once and run against each defence, so all defences see the same traffic plan.
 */
public record ScenarioPlan(Scenario scenario, List<Tier> tiers, List<PopulationPlan> populations) {

    public static ScenarioPlan of(Scenario scenario) {
        Map<String, Tier> tiers = new HashMap<>();
        DefaultTiers.all().forEach(t -> tiers.put(t.name(), t));
        List<Tier> created = scenario.tiers().stream().map(TierSpec::tier).toList();
        created.forEach(t -> tiers.put(t.name(), t));
        Map<PromptSpec, PromptPool> pools = new HashMap<>();
        List<PopulationPlan> plans = new ArrayList<>();
        for (int i = 0; i < scenario.populations().size(); i++) {
            PopulationSpec p = scenario.populations().get(i);
            Tier tier = tiers.get(p.tier());
            if (tier == null) {
                throw new IllegalArgumentException("population " + p.name() + ": unknown tier " + p.tier()
                        + " (define it under tiers: or use " + DefaultTiers.all().stream().map(Tier::name).toList() + ")");
            }
            long salt = scenario.seed() * 0x9E3779B97F4A7C15L + (i + 1) * 0xBF58476D1CE4E5B9L;
            SplittableRandom rnd = new SplittableRandom(salt);
            PromptPool prompts = pools.computeIfAbsent(p.prompts(), PromptSources::load);
            PromptPool mix = p.mixPrompts() == null ? null : pools.computeIfAbsent(p.mixPrompts(), PromptSources::load);
            List<SimAccount> accounts = new ArrayList<>();
            for (int a = 0; a < p.accounts(); a++) {
                accounts.add(AccountFactory.plan(scenario, i, a, rnd));
            }
            ArrivalSpec as = p.arrivals();
            long start = scenario.startMs() + (as.start() == null ? 0 : Math.max(0, as.start().millis()));
            long end = scenario.startMs() + (as.end() == null ? scenario.duration().millis()
                    : Math.min(scenario.duration().millis(), as.end().millis()));
            var arrivals = end <= start ? List.<io.distillguard.sim.source.Arrival>of()
                    : ArrivalSources.plan(as, new ArrivalWindow(start, end, p.accounts(), tier,
                            Behaviours.shape(p.behaviour()).maxTokens()), rnd);
            plans.add(new PopulationPlan(i, p, tier, prompts, mix, arrivals, accounts, salt));
        }
        return new ScenarioPlan(scenario, created, List.copyOf(plans));
    }

    public int requests() {
        return populations.stream().mapToInt(p -> p.arrivals().size()).sum();
    }

    public long firstSignupMs() {
        return populations.stream().flatMap(p -> p.accounts().stream()).mapToLong(SimAccount::signupMs).min()
                .orElse(scenario.startMs());
    }
}
