package io.distillguard.sim.run;

import io.distillguard.registry.Tier;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.source.Arrival;
import io.distillguard.sim.source.PromptPool;
import java.util.List;

/**
 * A population made ready to run: its prompts, its planned arrivals (event-time order) and its accounts as they will
 * be created. Immutable; the same plan is run against every defence.
 */
public record PopulationPlan(int index, PopulationSpec spec, Tier tier, PromptPool prompts, PromptPool mix,
        List<Arrival> arrivals, List<SimAccount> accounts, long salt) {

    public PopulationPlan {
        arrivals = List.copyOf(arrivals);
        accounts = List.copyOf(accounts);
    }

    /** The population name. */
    public String name() {
        return spec.name();
    }
}
