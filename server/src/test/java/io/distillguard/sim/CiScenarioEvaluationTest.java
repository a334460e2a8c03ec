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
 * plan; DistillGuard links the hydra almost whole, acts on it early and leaves it far below per-key limits;
 * no benign account is alerted, actioned or refused; both attacks (the hydra and the bulk distiller on one account)
 * are detected and contained (docs/detection.md, Calibration: measured at seeds 7, 11, 13 and 17).
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
        // Every usage event carries its request's planned time (docs/scenarios.md, How time works).
        for (String defence : new String[] {"per-key", "account-anomaly", "full"}) {
            JsonNode timing = report.path("defences").path(defence).path("timing");
            assertThat(timing.path("requests_stamped").asLong()).as(defence)
                    .isEqualTo(report.path("defences").path(defence).path("requests").asLong());
            assertThat(timing.path("max_skew_ms").asLong()).as(defence).isZero();
        }

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
        // DistillGuard detects both attacks (the campaign signal carries the hydra, the dataset sweep the bulk
        // distiller), acts on nearly all of the hydra's accounts early and leaves it far below what per-key limits
        // let through; the bulk distiller must verify, so it gets well under its plan.
        assertThat(report.path("defences").path("full").path("summary").path("attack_detected").asInt()).isEqualTo(2);
        assertThat(hydraFull.path("detected").asBoolean()).isTrue();
        JsonNode bulkFull = full.get("bulk-distiller");
        assertThat(bulkFull.path("detected").asBoolean()).isTrue();
        assertThat(bulkFull.path("share_obtained").asDouble()).isLessThan(0.6);
        assertThat(perKey.get("bulk-distiller").path("share_obtained").asDouble()).isGreaterThan(0.99);
        assertThat(report.path("defences").path("full").path("signals").path("hydra").path("campaign").asDouble())
                .isGreaterThan(0.5);
        assertThat(hydraFull.path("accounts_actioned").asInt()).isGreaterThanOrEqualTo(15);
        assertThat(hydraFull.path("share_before_first_action").asDouble()).isLessThan(0.3);
        assertThat(hydraFull.path("tokens_obtained").asLong())
                .isLessThan(hydraPerKey.path("tokens_obtained").asLong() * 3 / 4);
        // Linking: the rotating-proxy hydra is recovered almost whole (measured ARI 0.93 at seed 7; bar 0.85),
        // per-key and account-anomaly never link anything.
        assertThat(report.path("defences").path("full").path("linking_by_campaign").path("hydra-1")
                .path("adjusted_rand_index").asDouble()).isGreaterThan(0.85);
        assertThat(full.get("hydra").path("largest_entity_share").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.path("defences").path("per-key").path("linking").path("adjusted_rand_index").asDouble())
                .isZero();
        // The calibration view: per-population signal readings are reported; the hydra's intent signal stands out.
        assertThat(report.path("defences").path("full").path("signals").path("hydra").path("content").asDouble())
                .isGreaterThan(0.5);
        assertThat(report.path("defences").path("full").path("signals").path("chat-users").path("content").asDouble())
                .isLessThan(0.2);
        JsonNode risk = report.path("defences").path("full").path("risk");
        assertThat(risk.path("attack").path("p50").asDouble()).isGreaterThan(risk.path("benign").path("p90").asDouble());
        // No benign account is actioned under any defence.
        for (String defence : new String[] {"per-key", "account-anomaly", "full"}) {
            for (JsonNode p : report.path("defences").path(defence).path("populations")) {
                if (p.path("label").asText().equals("benign")) {
                    assertThat(p.path("accounts_actioned").asInt()).as(defence + " " + p.path("name")).isZero();
                    assertThat(p.path("accounts_alerted").asInt()).as(defence + " " + p.path("name")).isZero();
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
