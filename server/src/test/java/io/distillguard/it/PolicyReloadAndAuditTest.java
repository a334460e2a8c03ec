package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.config.AlertingConfig;
import io.distillguard.config.PolicyConfig;
import io.distillguard.it.PolicyFixture.Customer;
import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.audit.BrokenLine;
import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.KeyContext;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.policy.input.RequestContext;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running gateway hot-reloads its policy file and keeps the old policy when the new one is invalid; decisions of
 * the engine reach the gateway and the OCSF findings file; the audit log of the whole run verifies, and an edited
 * line breaks it.
 */
class PolicyReloadAndAuditTest {
    @TempDir
    Path dir;

    private static final String V1 = """
            version: "test-1"
            rules:
              - name: block-risky
                when: entity.risk >= 0.9
                action: block
                params: {reason: "Blocked by test policy."}
                duration: 1h
            """;

    @Test
    void invalidReloadKeepsTheOldPolicyAndTheAuditChainVerifies() throws Exception {
        Path policyFile = Files.writeString(dir.resolve("policy.yaml"), V1);
        Path findings = dir.resolve("findings.jsonl");
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Customer c;
        Path audit;
        try (PolicyFixture fx = PolicyFixture.start(dataDir, cfg -> cfg
                .withPolicy(PolicyConfig.defaults().withFile(policyFile.toString()))
                .withAlerting(new AlertingConfig(null, null, 0, 0, 0, findings.toString())))) {
            var app = fx.gw.app;
            assertThat(fx.admin("GET", "/admin/policy", null).body().getString("version")).isEqualTo("test-1");

            Files.writeString(policyFile, V1.replace("test-1", "test-2").replace("entity.risk >= 0.9",
                    "entity.risk >= 'high'"));
            assertThat(app.policy().reloadNow()).isFalse();
            JsonObject state = fx.admin("GET", "/admin/policy", null).body();
            assertThat(state.getString("version")).isEqualTo("test-1");
            assertThat(state.getJsonObject("last_reload_error").getJsonArray("errors").getString(0))
                    .contains("rule 'block-risky'").contains("invalid condition");

            c = fx.customer();
            var input = new PolicyInput(new EntityContext(c.entityId(), List.of(c.accountId()), 0, 0.95, 1.0, false,
                    false, "paid", 10, 1_000, 1), Map.of(), AccountContext.unknown(c.accountId()),
                    new KeyContext(c.keyId(), 1), RequestContext.NONE, AlertContext.NONE);
            var decisions = app.policy().runtime().evaluate(input);
            assertThat(decisions).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo("block"));
            assertThatThrownBy(() -> fx.gw.client(c.secret()).chat().completions().create(ChatCompletionCreateParams
                    .builder().model("sim-small").addUserMessage("hi").build()))
                    .isInstanceOfSatisfying(PermissionDeniedException.class,
                            e -> assertThat(e.getMessage()).contains("Blocked by test policy."));

            Files.writeString(policyFile, V1.replace("test-1", "test-3"));
            assertThat(app.policy().reloadNow()).isTrue();
            state = fx.admin("GET", "/admin/policy", null).body();
            assertThat(state.getString("version")).isEqualTo("test-3");
            assertThat(state.getValue("last_reload_error")).isNull();
            audit = app.policy().auditPath();
        }
        List<JsonObject> ocsf = Files.readAllLines(findings).stream().map(JsonObject::new).toList();
        assertThat(ocsf).singleElement().satisfies(f -> {
            assertThat(f.getInteger("class_uid")).isEqualTo(2004);
            assertThat(f.getInteger("severity_id")).isEqualTo(5);
            assertThat(f.getJsonArray("resources").getJsonObject(0).getString("uid")).isEqualTo(c.entityId());
        });

        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"cost\"") && l.contains("\"requests_refused\":1"));
        assertThat(lines).anyMatch(l -> l.contains("\"note\":\"version test-3\""));
        assertThat(AuditLog.verify(audit)).isEmpty();
        List<String> edited = new ArrayList<>(lines);
        int victim = edited.size() / 2;
        edited.set(victim, edited.get(victim).replaceFirst("\"at\":\"", "\"at\":\"1"));
        Files.write(audit, edited);
        Optional<BrokenLine> broken = AuditLog.verify(audit);
        assertThat(broken).hasValueSatisfying(b -> assertThat(b.lineNumber()).isEqualTo(victim + 1));
    }
}
