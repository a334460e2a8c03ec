package io.distillguard.policy.audit;

import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.decision.Allow;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import io.distillguard.policy.file.Policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds unchained audit records from decisions, lifts, costs and policy loads. */
final class AuditRecords {

    private AuditRecords() {
    }

    static AuditRecord decision(Decision d) {
        AuditRecordType type = d.ruleName().startsWith("operator:") ? AuditRecordType.MANUAL
                : AuditRecordType.DECISION;
        return new AuditRecord(0, type.jsonName(), d.issuedAt().toString(), d.ruleName(), d.action(), params(d),
                d.mode().name().toLowerCase(), d.scope().toString(), d.evidence().accounts(), d.evidence().signals(),
                d.evidence().facts(), d.expiresAt() == null ? null : d.expiresAt().toString(), d.id(),
                d.evidence().note(), null, null, null, null);
    }

    static AuditRecord lift(Lift lift, Decision lifted, Instant at) {
        return new AuditRecord(0, AuditRecordType.LIFT.jsonName(), at.toString(), "operator:" + lift.operator(),
                "lift", null, lifted.mode().name().toLowerCase(), lifted.scope().toString(), null, null, null, null,
                lifted.id(), lift.reason(), null, null, null, null);
    }

    static AuditRecord cost(String decisionId, long requestsRefused, long tokensWithheld, Instant at) {
        return new AuditRecord(0, AuditRecordType.COST.jsonName(), at.toString(), "gateway", "cost", null, null,
                null, null, null, null, null, decisionId, null, requestsRefused, tokensWithheld, null, null);
    }

    static AuditRecord policy(Policy p, Instant at) {
        return new AuditRecord(0, AuditRecordType.POLICY.jsonName(), at.toString(), "policy-loader", "load",
                Map.of("rules", p.rules().size(), "sha256", p.sha256()), null, null, null, null, null, null, null,
                "version " + p.version(), null, null, null, null);
    }

    private static Map<String, Object> params(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (d) {
            case Allow a -> { }
            case Tag t -> m.put("label", t.label());
            case Watermark w -> m.put("strength", w.strength());
            case Degrade g -> {
                m.put("strip_logprobs", g.spec().stripLogprobs());
                m.put("refuse_logit_bias_with_logprobs", g.spec().refuseLogitBiasWithLogprobs());
                m.put("drop_reasoning", g.spec().dropReasoning());
                if (g.spec().maxN() != null) {
                    m.put("max_n", g.spec().maxN());
                }
                if (g.spec().maxTokens() != null) {
                    m.put("max_tokens", g.spec().maxTokens());
                }
            }
            case Throttle t -> {
                m.put("factor", t.factor());
                m.put("delay_ms", t.delayMs());
            }
            case RequireVerification r -> m.put("message", r.message());
            case Block b -> m.put("reason", b.reason());
        }
        return m;
    }
}
