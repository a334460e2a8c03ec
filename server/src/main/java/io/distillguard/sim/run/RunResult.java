package io.distillguard.sim.run;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run of a scenario against one defence produced: the accounts (with ground truth), what each request
 * got, the alerts and decisions seen, the gateway's final view of entities and risk, and how long it took.
 *
 * @param entityOf      the entity the gateway assigns each account to at the end (account id -> entity id)
 * @param riskOf        the latest risk of each account's entity at the end (account id -> risk in [0,1])
 * @param signalsOf     each account's entity's signal readings at the end (account id -> signal -> score in [0,1])
 * @param alertMembers  each alerted entity's members at the end (entity id -> account ids)
 */
public record RunResult(Defence defence, ScenarioPlan plan, List<List<SimAccount>> accounts, OutcomeLog outcomes,
        List<Observed> observed, Map<String, String> entityOf, Map<String, Double> riskOf,
        Map<String, Map<String, Double>> signalsOf,
        Map<String, Set<String>> alertMembers, long wallMs) {

    public double requestsPerSecond() {
        return wallMs == 0 ? 0 : outcomes.size() * 1000.0 / wallMs;
    }
}
