package io.distillguard.evidence;

import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code distillguard distillation-experiment}: runs the experiment and writes the markdown + JSON report. */
@Command(name = "distillation-experiment", mixinStandardHelpOptions = true,
        description = "Train n-gram students on watermarked teacher outputs and test whether the mark survives.")
public final class DistillationExperimentCommand implements Callable<Integer> {

    @Option(names = "--shared", description = "The shared folder holding data/ (default: ../shared).")
    Path shared = Path.of(System.getProperty("distillguard.shared", "../shared"));

    @Option(names = "--out", description = "Report directory (default: target/evidence).")
    Path out = Path.of("target", "evidence");

    @Option(names = "--key-file", description = "Global watermark key, hex (default: a fixed experiment key).")
    Path keyFile;

    @Option(names = "--sizes", split = ",", description = "Training sizes in texts (default: 1000,2000,4500).")
    List<Integer> sizes = ExperimentConfig.standard().trainingSizes();

    @Option(names = "--shares", split = ",", description = "Watermarked shares (default: 1.0,0.5,0.1).")
    List<Double> shares = ExperimentConfig.standard().watermarkShares();

    @Option(names = "--control-seeds", description = "Unwatermarked students per size (default: 5).")
    int controlSeeds = ExperimentConfig.standard().controlSeeds();

    @Option(names = "--samples-per-prompt", description = "Answers per held-out prompt (default: 4).")
    int samplesPerPrompt = ExperimentConfig.standard().samplesPerPrompt();

    @Option(names = "--strength", description = "Watermark strength, share of slots marked (default: 1.0).")
    double strength = 1.0;

    /** Where the marked teacher texts come from. */
    enum Source { GATEWAY, IN_PROCESS }

    @Option(names = "--source", description = "GATEWAY (a real gateway over HTTP in front of a replay upstream, the "
            + "default) or IN_PROCESS (the watermarker applied directly).")
    Source source = Source.GATEWAY;

    @Option(names = "--statistic", description = "REFERENCE (each slot against the teacher's own unmarked answers, the "
            + "default) or PLAIN (rarity weights from the suspect's text).")
    DistillationExperiment.Statistic statistic = DistillationExperiment.Statistic.REFERENCE;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig standard = ExperimentConfig.standard();
        ExperimentConfig config = new ExperimentConfig(sizes, shares, controlSeeds, standard.freshPrompts(),
                samplesPerPrompt, standard.maxTokens(), standard.seed());
        WatermarkKey key = keyFile == null ? WatermarkKey.global(KeyFiles.EXPERIMENT_KEY) : KeyFiles.read(keyFile);
        TeacherCorpus corpus = TeacherCorpus.alpaca(shared);
        WatermarkConfig watermark = new WatermarkConfig(key, strength, WatermarkScope.PER_ENTITY);
        GatewayTeacher gateway = source == Source.GATEWAY ? GatewayTeacher.start(corpus,
                keyFile == null ? KeyFiles.EXPERIMENT_KEY : KeyFiles.bytes(keyFile), strength,
                java.nio.file.Files.createTempDirectory("distillguard-experiment")) : null;
        try {
            OutputSource marked = gateway != null ? gateway : new WatermarkingTeacher(corpus.plain(),
                    new LexicalWatermarker(watermark), DistillationExperiment.MARKED_ENTITY);
            DistillationExperiment experiment = new DistillationExperiment(corpus, marked, watermark, statistic);
            return run(experiment, config);
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private int run(DistillationExperiment experiment, ExperimentConfig config) throws java.io.IOException {
        long start = System.nanoTime();
        List<StudentResult> students = experiment.run(config, s -> System.out.printf(
                "size=%d share=%.2f seed=%d tokens=%d units=%d z=%.2f p=%.2e others=%.2e%n", s.trainingTexts(),
                s.watermarkShare(), s.seed(), s.trainingTokens(), s.markedKey().units(), s.markedKey().zScore(), s.markedKey().pValue(),
                s.smallestOtherAdjustedP()));
        ExperimentReport report = new ExperimentReport(config, students);
        report.write(out);
        System.out.printf("source %s, statistic %s; %d students in %.0f s; false positives %d of %d controls; report in %s%n",
                source, statistic, students.size(), (System.nanoTime() - start) / 1e9, report.falsePositives(),
                report.controls().size(), out.toAbsolutePath());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DistillationExperimentCommand()).execute(args));
    }
}
