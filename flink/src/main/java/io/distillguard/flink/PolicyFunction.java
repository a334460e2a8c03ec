package io.distillguard.flink;

import io.distillguard.policy.PolicyEngine;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.cache.RecordOutcome;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.DecisionCodec;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The policy stage, keyed by entity: the core's {@link PolicyEngine} evaluated on each entity's risk updates (from
 * risk 0.2 up, as the embedded bridge does); decisions new to this subtask's {@link DecisionCache} go to the decisions
 * topic under {@link DecisionCodec#key} (refreshes of a held decision are not re-sent). The cache is rebuilt after a
 * restart, so a restart may re-send decisions; the compacted topic and the gateways' caches absorb repeats.
 */
public final class PolicyFunction extends KeyedProcessFunction<String, RiskUpdate, KeyedJson> {
    static final double MIN_RISK_TO_EVALUATE = 0.2;

    private final String policyYaml;
    private final JobDirectory directory;
    private final Clock clock;
    private transient PolicyEngine engine;
    private transient DecisionCache cache;

    public PolicyFunction(String policyYaml, JobDirectory directory, Clock clock) {
        this.policyYaml = policyYaml;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        PolicyLoadResult loaded = new PolicyLoader().load(policyYaml);
        if (!(loaded instanceof PolicyLoadResult.Loaded ok)) {
            throw new IllegalArgumentException("policy rejected: " + ((PolicyLoadResult.Rejected) loaded).errors());
        }
        engine = new PolicyEngine(ok.policy());
        cache = new DecisionCache(clock);
    }

    @Override
    public void processElement(RiskUpdate risk, Context ctx, Collector<KeyedJson> out) {
        if (risk.score() < MIN_RISK_TO_EVALUATE) {
            return;
        }
        for (Decision d : engine.evaluate(PolicyInputs.of(risk, directory, clock.instant()), clock.instant())) {
            RecordOutcome outcome = cache.record(d);
            if (outcome.isNew()) {
                out.collect(new KeyedJson(DecisionCodec.key(d),
                        new String(DecisionCodec.encode(outcome.decision()), StandardCharsets.UTF_8)));
            }
        }
    }
}
