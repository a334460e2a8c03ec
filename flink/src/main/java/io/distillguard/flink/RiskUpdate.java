package io.distillguard.flink;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * What the policy stage needs of one entity's new risk: the score, the per-signal readings under the engine's and the
 * policy pack's names, the member accounts (sorted, at most 500) and the entity's open alert if any. Built by the
 * detection stage (which holds the linker) so the policy stage, keyed by entity, needs no global state.
 */
public record RiskUpdate(String entityId, double score, long atMs, HashMap<String, Double> signals,
                         ArrayList<String> accounts, boolean alertOpen, double alertScore,
                         ArrayList<String> alertSignals, double maxLinkScore) implements Serializable {
}
