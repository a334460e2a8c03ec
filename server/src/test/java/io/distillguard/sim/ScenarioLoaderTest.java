package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.sim.run.ScenarioPlan;
import io.distillguard.sim.scenario.ScenarioLoad;
import io.distillguard.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario files: the shipped suite loads and plans on the real data; mistakes are refused with their line. */
class ScenarioLoaderTest {
    static final Path SHARED = Path.of(System.getProperty("distillguard.shared", "../../shared"));

    @Test
    void theFullSuitePlansOverAMillionRequestsOnRealData() {
        var scenario = ScenarioLoader.withShared(SHARED).load(Path.of("../scenarios/suite.yaml")).orThrow();
        assertThat(scenario.populations()).extracting(p -> p.behaviour().type().text()).contains("chat", "coding",
                "batch_template", "benchmark_lab", "reseller", "synthetic_data", "bulk_distiller", "tier_rider",
                "hydra", "low_and_slow", "reasoning_harvester", "logprob_harvester", "benchmark_scraper",
                "release_pivot", "adaptive_mimic");
        ScenarioPlan plan = ScenarioPlan.of(scenario);
        assertThat(plan.requests()).isGreaterThan(1_000_000);
        var hydra = plan.populations().stream().filter(p -> p.name().equals("hydra")).findFirst().orElseThrow();
        assertThat(hydra.accounts()).hasSize(2000);
        assertThat(hydra.accounts().stream().map(a -> a.paymentFingerprint()).distinct().count())
                .as("30% share 5 cards, the rest have their own").isBetween(1300L, 1500L);
        assertThat(ScenarioPlan.of(scenario).requests()).as("same seed, same plan").isEqualTo(plan.requests());
    }

    @Test
    void errorsNameTheLineAndTheField() {
        ScenarioLoader loader = new ScenarioLoader(Map.of("shared", "/data"));
        String text = """
                name: broken
                duration: 1d
                populations:
                  - name: hydra
                    label: attack
                    accounts: 0
                    tier: free
                    prompts: {type: gsm8k, path: "${shared}/g.jsonl"}
                    arrivals: {type: timer}
                    behaviour: {type: hydra}
                """;
        ScenarioLoad load = loader.parse(text, "broken.yaml");
        assertThat(load).isInstanceOf(ScenarioLoad.Invalid.class);
        String message = ((ScenarioLoad.Invalid) load).message();
        assertThat(message).startsWith("broken.yaml:").contains("campaign");

        ScenarioLoad unknownKey = loader.parse(text.replace("accounts: 0", "accounts: 3\n    campaign: c1\n    speed: 3"),
                "x.yaml");
        assertThat(((ScenarioLoad.Invalid) unknownKey).message()).startsWith("x.yaml:").contains("speed");

        ScenarioLoad badVar = loader.parse("name: x\nduration: ${nope}\n", "v.yaml");
        assertThat(((ScenarioLoad.Invalid) badVar).message()).isEqualTo("v.yaml:2: unknown variable ${nope} (known: [shared])");

        ScenarioLoad badDuration = loader.parse("name: x\nduration: 3 weeks\npopulations: []\n", "d.yaml");
        assertThat(((ScenarioLoad.Invalid) badDuration).message()).startsWith("d.yaml:2:").contains("not a duration");
    }
}
