package io.distillguard.sim.report;

import java.util.List;
import java.util.Map;

/**
 * report.json of one scenario: what was run, {@code populations} under the primary defence ({@code full} when it was
 * evaluated, else the last one), and every defence's results under {@code defences}.
 */
public record ScenarioReport(String scenario, long seed, String start, double durationS, long requestsPlanned,
        int accounts, String primaryDefence, List<PopulationResult> populations,
        Map<String, DefenceResult> defences) {
}
