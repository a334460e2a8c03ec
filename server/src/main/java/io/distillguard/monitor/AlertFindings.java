package io.distillguard.monitor;

import io.distillguard.alert.Alert;
import io.distillguard.alerting.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a detection alert into the SIEM-facing {@link Finding} that the webhook and OCSF file sinks deliver. */
public final class AlertFindings {
    private AlertFindings() {}

    public static Finding of(Alert alert) {
        Finding.Severity severity = alert.score() >= 0.95 ? Finding.Severity.CRITICAL
                : alert.score() >= 0.85 ? Finding.Severity.HIGH : Finding.Severity.MEDIUM;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("risk", alert.score());
        evidence.put("revision", alert.revision());
        evidence.put("account_count", alert.accountCount());
        evidence.put("requests", alert.requests());
        evidence.put("input_tokens", alert.inputTokens());
        evidence.put("output_tokens", alert.outputTokens());
        evidence.put("signals", alert.signals().stream().map(s -> Map.of("signal", s.reading().signal(),
                "score", s.reading().score(), "value", s.reading().value(), "baseline", s.reading().baseline(),
                "explanation", s.reading().explanation())).toList());
        evidence.put("link_reasons", alert.linkReasons().stream().limit(20).map(r -> r.describe()).toList());
        evidence.put("sample_prompt_hashes", alert.samplePromptHashes());
        List<Finding.Resource> resources = new java.util.ArrayList<>();
        resources.add(new Finding.Resource("entity", alert.entityId()));
        alert.accounts().stream().limit(50).forEach(a -> resources.add(new Finding.Resource("account", a)));
        String top = alert.signals().isEmpty() ? "" : alert.signals().get(0).reading().explanation();
        return new Finding(alert.id() + "-r" + alert.revision(), Instant.ofEpochMilli(alert.updatedAtMs()), severity,
                "Model extraction / distillation campaign suspected: entity " + alert.entityId(),
                String.format("Risk %.2f across %d account(s). %s", alert.score(), alert.accountCount(), top),
                "distillguard.detection", resources, evidence);
    }
}
