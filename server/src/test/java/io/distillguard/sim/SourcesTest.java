package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.registry.Tier;
import io.distillguard.sim.scenario.ArrivalSpec;
import io.distillguard.sim.scenario.PromptSpec;
import io.distillguard.sim.scenario.SimDuration;
import io.distillguard.sim.source.Arrival;
import io.distillguard.sim.source.ArrivalSources;
import io.distillguard.sim.source.ArrivalWindow;
import io.distillguard.sim.source.PromptSources;
import io.distillguard.sim.source.TraceReaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt and arrival sources read the real files in their own formats and plan arrivals as specified. */
class SourcesTest {
    static final Path DATA = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data");
    static final long DAY = 86_400_000L;

    @Test
    void promptFormats() {
        var alpaca = PromptSources.load(new PromptSpec(PromptSpec.Format.ALPACA,
                DATA.resolve("prompts/alpaca/alpaca_5000.json").toString(), 0, null));
        assertThat(alpaca.size()).isEqualTo(5000);
        var gsm = PromptSources.load(new PromptSpec(PromptSpec.Format.GSM8K,
                DATA.resolve("prompts/gsm8k/train.jsonl").toString(), 100, null));
        assertThat(gsm.size()).isEqualTo(100);
        assertThat(gsm.at(0).first()).endsWith("?");
        var share = PromptSources.load(new PromptSpec(PromptSpec.Format.SHAREGPT,
                DATA.resolve("prompts/sharegpt/sharegpt_conversations_700.jsonl").toString(), 0, null));
        assertThat(share.items().stream().filter(i -> i.userTurns().size() > 1).count()).isGreaterThan(50);
        assertThat(share.items()).allMatch(i -> i.replies().size() < i.userTurns().size());
        var mmlu = PromptSources.load(new PromptSpec(PromptSpec.Format.MMLU,
                DATA.resolve("prompts/mmlu/test").toString(), 0, null));
        assertThat(mmlu.size()).isEqualTo(14_042);
        assertThat(mmlu.at(0).first()).contains("\nA. ").contains("\nD. ").endsWith("Answer:");
    }

    @Test
    void traces(@TempDir Path tmp) throws Exception {
        var azure = TraceReaders.azure(DATA.resolve("traces/azure_llm_2023/AzureLLMInferenceTrace_conv.csv"));
        assertThat(azure).hasSize(19_366);
        assertThat(azure.getLast().offsetMs()).isBetween(55 * 60_000L, 60 * 60_000L);
        var mooncake = TraceReaders.mooncake(DATA.resolve("traces/mooncake_fast25/conversation_trace.jsonl"));
        assertThat(mooncake).hasSize(12_031);
        assertThat(mooncake.stream().map(r -> r.session()).distinct().count()).isBetween(100L, 12_031L);
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, "timestamp,input_tokens,output_tokens\n0.5,10,20\n2,30,40\n");
        var generic = TraceReaders.generic(csv);
        assertThat(generic).extracting(r -> r.offsetMs()).containsExactly(0L, 1500L);
        assertThat(generic.get(1).outputTokens()).isEqualTo(40);
    }

    @Test
    void arrivalPlans() {
        long t0 = 1_790_000_000_000L - Math.floorMod(1_790_000_000_000L, DAY);
        Tier tier = new Tier("t", 60, 100_000, 10_000, 100_000, 4096);
        ArrivalWindow w = new ArrivalWindow(t0, t0 + 10 * DAY, 50, tier, 500);
        List<Arrival> poisson = ArrivalSources.plan(spec(ArrivalSpec.Type.POISSON, null, 1.0), w,
                new SplittableRandom(1));
        assertThat(poisson.size()).isBetween(9_000, 11_000); // 50 accounts x 20/day x 10 days
        long peak = poisson.stream().filter(a -> Math.floorMod(a.atMs(), DAY) / 3_600_000 == 15).count();
        long trough = poisson.stream().filter(a -> Math.floorMod(a.atMs(), DAY) / 3_600_000 == 3).count();
        assertThat(peak).isGreaterThan(10 * Math.max(1, trough)); // diurnal 1.0: nothing at the trough
        List<Arrival> rider = ArrivalSources.plan(spec(ArrivalSpec.Type.UNDER_CAP, null, 0.0),
                new ArrivalWindow(t0, t0 + DAY, 1, tier, 500), new SplittableRandom(1));
        assertThat(rider.size() * 500L).isBetween(80_000L, 90_000L); // 90% of the 100k daily output cap
        List<Arrival> trace = ArrivalSources.plan(spec(ArrivalSpec.Type.AZURE,
                DATA.resolve("traces/azure_llm_2023/AzureLLMInferenceTrace_conv.csv").toString(), 0.0),
                new ArrivalWindow(t0, t0 + 2 * 3_600_000L, 10, tier, 500), new SplittableRandom(1));
        assertThat(trace.size()).isBetween(38_732, 40_500); // the 58-minute trace twice, and a little of a third
        assertThat(trace).allMatch(a -> a.account() >= 0 && a.account() < 10 && a.outputTokens() > 0);
    }

    private static ArrivalSpec spec(ArrivalSpec.Type type, String path, double diurnal) {
        return new ArrivalSpec(type, 20.0, diurnal, 15, null, null, SimDuration.parse("30s"), null, path, null, null,
                null, null, null);
    }
}
