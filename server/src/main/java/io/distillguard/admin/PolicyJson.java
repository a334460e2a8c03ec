package io.distillguard.admin;

import io.distillguard.enforce.PolicyService;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.Rule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON shapes of the policy admin API (and the console): decisions with their evidence, and the running policy's state. */
public final class PolicyJson {

    private PolicyJson() {}

    public static JsonObject decision(Decision d) {
        JsonObject evidence = new JsonObject().put("note", d.evidence().note())
                .put("accounts", new JsonArray(d.evidence().accounts()))
                .put("signals", new JsonObject(new java.util.TreeMap<String, Object>(d.evidence().signals())))
                .put("facts", new JsonObject(new java.util.TreeMap<>(d.evidence().facts())));
        return new JsonObject().put("object", "decision").put("id", d.id()).put("action", d.action())
                .put("params", params(d)).put("issuer", d.ruleName()).put("mode", d.mode().name().toLowerCase())
                .put("scope", d.scope().toString()).put("issued_at", d.issuedAt().toString())
                .put("expires_at", d.expiresAt() == null ? null : d.expiresAt().toString())
                .put("priority", d.issuance().priority()).put("evidence", evidence);
    }

    public static JsonArray decisions(List<Decision> ds) {
        return new JsonArray(ds.stream().map(PolicyJson::decision).toList());
    }

    private static JsonObject params(Decision d) {
        JsonObject p = new JsonObject();
        switch (d) {
            case Tag t -> p.put("label", t.label());
            case Watermark w -> p.put("strength", w.strength());
            case Degrade g -> p.put("strip_logprobs", g.spec().stripLogprobs())
                    .put("refuse_logit_bias_with_logprobs", g.spec().refuseLogitBiasWithLogprobs())
                    .put("max_n", g.spec().maxN()).put("max_tokens", g.spec().maxTokens())
                    .put("drop_reasoning", g.spec().dropReasoning());
            case Throttle t -> p.put("factor", t.factor()).put("delay_ms", t.delayMs());
            case RequireVerification v -> p.put("message", v.message());
            case Block b -> p.put("reason", b.reason());
            default -> { }
        }
        return p;
    }

    static JsonObject policy(PolicyService service) {
        Policy p = service.currentPolicy();
        JsonArray rules = new JsonArray();
        for (Rule r : p.rules()) {
            rules.add(new JsonObject().put("name", r.name()).put("action", r.action().type().fileName())
                    .put("mode", r.mode().name().toLowerCase()).put("scope", r.scope().name().toLowerCase())
                    .put("priority", r.priority()));
        }
        JsonArray allowlist = new JsonArray();
        p.allowlist().entities().values().forEach(e -> allowlist.add(new JsonObject().put("entity", e.subject())
                .put("contract", e.contract()).put("note", e.note())));
        p.allowlist().accounts().values().forEach(e -> allowlist.add(new JsonObject().put("account", e.subject())
                .put("contract", e.contract()).put("note", e.note())));
        JsonObject error = service.lastReloadError().map(e -> new JsonObject().put("at", e.at().toString())
                .put("sha256", e.sha256()).put("errors", new JsonArray(e.errors()))).orElse(null);
        return new JsonObject().put("object", "policy").put("version", p.version()).put("sha256", p.sha256())
                .put("file", service.policyFile().map(Object::toString).orElse(null))
                .put("rules", rules).put("allowlist", allowlist).put("last_reload_error", error)
                .put("shadow_hits", new JsonObject(new java.util.TreeMap<String, Object>(
                        service.cache().shadowHits())))
                .put("evaluation_errors", service.runtime().engine().evaluationErrors());
    }
}
