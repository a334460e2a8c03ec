package io.distillguard.sim.report;

import java.util.List;
import java.util.Map;

/**
 * A scenario's outcome under one defence: per-population results, linking quality, the headline rates (benign
 * accounts alerted/actioned, attack populations detected, median share of planned tokens obtained before the first
 * action), what the gateway did, how fast the run went, and per population the highest end-of-run reading of each
 * signal over its accounts' entities (what calibration looks at: which signals separate attack from benign), and
 * how faithfully the gateway stamped the planned times.
 */
public record DefenceResult(String defence, long requests, double wallS, double requestsPerS,
        List<PopulationResult> populations, LinkingQuality linking, Map<String, LinkingQuality> linkingByCampaign,
        Summary summary, Map<String, Long> decisions, long alerts, Map<String, RiskStats> risk,
        Map<String, Map<String, Double>> signals, Timing timing) {

    /**
     * How faithfully the gateway saw the plan's times: requests whose usage event was seen, and the largest and mean
     * absolute difference between the event time the gateway stamped and the planned arrival time.
     */
    public record Timing(long requestsStamped, long maxSkewMs, double meanAbsSkewMs) {
    }

    /** Headline numbers against the targets. */
    public record Summary(int benignAccounts, int benignAlerted, int benignActioned, double benignAlertedShare,
            double benignActionedShare, int attackPopulations, int attackDetected,
            double medianAttackShareBeforeFirstAction, double medianAttackShareObtained) {
    }

    /** Distribution of final entity risk over accounts of one label. */
    public record RiskStats(int accounts, double p50, double p90, double p99, double max) {
    }
}
