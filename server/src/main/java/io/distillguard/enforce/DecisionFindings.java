package io.distillguard.enforce;

import io.distillguard.alerting.Finding;
import io.distillguard.policy.decision.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps policy decisions onto {@link Finding}s for the alert sinks: one finding per new decision, its id as uid. */
public final class DecisionFindings {

    private DecisionFindings() {}

    public static Finding of(Decision d) {
        String shadow = d.enforced() ? "" : " (shadow: not enforced)";
        String title = "DistillGuard " + d.action() + " on " + d.scope() + shadow;
        StringBuilder desc = new StringBuilder("Decision ").append(d.id()).append(" by ").append(d.ruleName())
                .append(": ").append(d.action()).append(" ").append(d.scope())
                .append(d.expiresAt() == null ? " until lifted" : " until " + d.expiresAt());
        if (d.evidence().note() != null) {
            desc.append(". ").append(d.evidence().note());
        }
        List<Finding.Resource> resources = new ArrayList<>();
        resources.add(new Finding.Resource(d.scope().type().name().toLowerCase(), d.scope().id()));
        d.evidence().accounts().stream().filter(a -> !a.equals(d.scope().id()))
                .forEach(a -> resources.add(new Finding.Resource("account", a)));
        Map<String, Object> evidence = new LinkedHashMap<>();
        d.evidence().facts().forEach((k, v) -> evidence.put(k, v == null ? "null" : v));
        d.evidence().signals().forEach((k, v) -> evidence.put("signals." + k, v));
        evidence.put("mode", d.mode().name().toLowerCase());
        return new Finding(d.id(), d.issuedAt(), severity(d), title, desc.toString(), d.ruleName(), resources,
                evidence);
    }

    static Finding.Severity severity(Decision d) {
        if (!d.enforced()) {
            return Finding.Severity.INFORMATIONAL;
        }
        return switch (d.severity()) {
            case ALLOW, TAG -> Finding.Severity.INFORMATIONAL;
            case WATERMARK -> Finding.Severity.LOW;
            case DEGRADE, THROTTLE -> Finding.Severity.MEDIUM;
            case REQUIRE_VERIFICATION -> Finding.Severity.HIGH;
            case BLOCK -> Finding.Severity.CRITICAL;
        };
    }
}
