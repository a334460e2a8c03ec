package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI scenario (scenarios/ci-small.yaml: real ShareGPT, Alpaca and GSM8K prompts) through {@code distillguard
 * evaluate} against all three defences, and its report checked: structure, every attack detected under {@code full},
 * the hydra held to far fewer tokens under {@code full} than under per-key limits, no benign account actioned.
 */
class CiScenarioEvaluationTest {
    @TempDir
    Path out;

    @Test
    void evaluateWritesAReportWhereDistillGuardCatchesWhatPerKeyLimitsMiss() throws Exception {
        Path shared = Path.of(System.getProperty("distillguard.shared", "../../shared"));
        int rc = io.distillguard.cli.Main.commandLine().execute("evaluate", "../scenarios/ci-small.yaml",
                "--out", out.toString(), "--shared", shared.toString());
        assertThat(rc).isZero();
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readString(out.resolve("plots.html"))).contains("<svg").contains("hydra");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("scenario").asText()).isEqualTo("ci-small");
        assertThat(report.path("primary_defence").asText()).isEqualTo("full");
        for (String field : new String[] {"name", "label", "accounts", "detected", "time_to_detect_s",
                "tokens_obtained", "tokens_planned", "tokens_before_first_action", "tokens_before_block",
                "accounts_alerted", "accounts_actioned"}) {
            assertThat(report.path("populations").get(0).has(field)).as(field).isTrue();
        }
        assertThat(report.path("defences").fieldNames()).toIterable()
                .containsExactly("per-key", "account-anomaly", "full");

        Map<String, JsonNode> full = byName(report.path("defences").path("full").path("populations"));
        Map<String, JsonNode> perKey = byName(report.path("defences").path("per-key").path("populations"));
        assertThat(full.get("hydra").path("tokens_planned").asLong()).isGreaterThan(40_000);
        for (JsonNode p : full.values()) {
            if (p.path("label").asText().equals("attack")) {
                assertThat(p.path("detected").asBoolean()).as(p.path("name").asText()).isTrue();
            } else {
                assertThat(p.path("accounts_actioned").asInt()).as(p.path("name").asText()).isZero();
            }
        }
        // Per-key limits let the hydra take nearly everything; the entity budget and policy hold it to a fraction.
        assertThat(perKey.get("hydra").path("share_obtained").asDouble()).isGreaterThan(0.9);
        assertThat(full.get("hydra").path("tokens_obtained").asLong())
                .isLessThan(perKey.get("hydra").path("tokens_obtained").asLong() / 3);
        assertThat(report.path("defences").path("per-key").path("alerts").asLong()).isZero();
        assertThat(report.path("defences").path("full").path("linking_by_campaign").path("hydra-1")
                .path("adjusted_rand_index").asDouble()).isGreaterThan(0.5);
    }

    private static Map<String, JsonNode> byName(JsonNode populations) {
        Map<String, JsonNode> out = new HashMap<>();
        populations.forEach(p -> out.put(p.path("name").asText(), p));
        return out;
    }
}
