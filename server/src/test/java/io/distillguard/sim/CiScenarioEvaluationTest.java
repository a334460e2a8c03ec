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
 * evaluate} against all three defences, and its report checked: structure; per-key limits let the hydra take its whole
 * plan; DistillGuard acts on the hydra's accounts early, links part of it and scores it above benign; no benign account
 * is actioned or refused. (Six virtual hours are too short for the alert threshold with the uncalibrated defaults;
 * the full suite measures detection.)
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
        JsonNode hydraFull = full.get("hydra");
        JsonNode hydraPerKey = perKey.get("hydra");
        assertThat(hydraFull.path("tokens_planned").asLong()).isEqualTo(hydraPerKey.path("tokens_planned").asLong())
                .isGreaterThan(40_000);
        // Per-key limits: the hydra takes everything it planned, nothing is alerted or actioned.
        assertThat(hydraPerKey.path("share_obtained").asDouble()).isGreaterThan(0.99);
        assertThat(report.path("defences").path("per-key").path("alerts").asLong()).isZero();
        assertThat(report.path("defences").path("per-key").path("decisions").size()).isZero();
        // DistillGuard acts on the hydra's accounts early: far less of the plan goes out before the first action.
        assertThat(hydraFull.path("accounts_actioned").asInt()).isGreaterThan(5);
        assertThat(hydraFull.path("share_before_first_action").asDouble()).isLessThan(0.5);
        assertThat(hydraFull.path("tokens_before_first_action").asLong())
                .isLessThan(hydraPerKey.path("tokens_obtained").asLong() / 2);
        // It links part of the hydra (per-key and account-anomaly never link anything) and scores it above benign.
        assertThat(report.path("defences").path("full").path("linking_by_campaign").path("hydra-1")
                .path("adjusted_rand_index").asDouble()).isGreaterThan(0.2);
        assertThat(report.path("defences").path("per-key").path("linking").path("adjusted_rand_index").asDouble())
                .isZero();
        JsonNode risk = report.path("defences").path("full").path("risk");
        assertThat(risk.path("attack").path("p50").asDouble()).isGreaterThan(risk.path("benign").path("p90").asDouble());
        // No benign account is actioned under any defence.
        for (String defence : new String[] {"per-key", "account-anomaly", "full"}) {
            for (JsonNode p : report.path("defences").path(defence).path("populations")) {
                if (p.path("label").asText().equals("benign")) {
                    assertThat(p.path("accounts_actioned").asInt()).as(defence + " " + p.path("name")).isZero();
                    assertThat(p.path("share_obtained").asDouble()).as(defence + " " + p.path("name")).isEqualTo(1.0);
                }
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode populations) {
        Map<String, JsonNode> out = new HashMap<>();
        populations.forEach(p -> out.put(p.path("name").asText(), p));
        return out;
    }
}
