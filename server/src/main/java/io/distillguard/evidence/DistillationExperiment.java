package io.distillguard.evidence;

import io.distillguard.forensics.DetectionReport;
import io.distillguard.forensics.KeyTestResult;
import io.distillguard.forensics.SlotOccurrences;
import io.distillguard.forensics.WatermarkDetector;
import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Does the gateway's watermark survive distillation? Collects the teacher's responses through an {@link OutputSource}
 * (watermarked for one entity) and unwatermarked, trains Kneser-Ney students on mixes with different watermarked
 * shares and sizes, lets each answer held-out prompts, and tests the answers against the marking entity's sub-key,
 * the global key and decoy entities' sub-keys (Holm-Bonferroni across them). Controls are students trained on
 * unwatermarked data only.
 */
public final class DistillationExperiment {

    public static final String MARKED_ENTITY = "distiller";
    private static final int DECOYS = 8;

    private final TeacherCorpus corpus;
    private final OutputSource plainTeacher;
    private final OutputSource markedTeacher;
    private final WatermarkConfig watermark;
    private final Statistic statistic;
    private WatermarkDetector detector;
    private final List<WatermarkKey> keys = new ArrayList<>();

    /** In process: the marked teacher is the watermarker applied to the real teacher texts. */
    public DistillationExperiment(TeacherCorpus corpus, WatermarkConfig config) {
        this(corpus, new WatermarkingTeacher(corpus.plain(), new LexicalWatermarker(config), MARKED_ENTITY), config,
                Statistic.REFERENCE);
    }

    /**
     * The detector's statistic: PLAIN rarity weights from the suspect's own text, or each slot against the teacher's
     * own unmarked answers to the training pool in the same context (REFERENCE; see {@link WatermarkDetector}).
     */
    public enum Statistic { PLAIN, REFERENCE }

    /** With any marked source (e.g. the gateway over HTTP marking the entity {@link #MARKED_ENTITY}). */
    public DistillationExperiment(TeacherCorpus corpus, OutputSource markedTeacher, WatermarkConfig config,
            Statistic statistic) {
        this.statistic = statistic;
        this.corpus = corpus;
        this.plainTeacher = corpus.plain();
        this.markedTeacher = markedTeacher;
        this.watermark = config;
        keys.add(config.keyFor(MARKED_ENTITY).orElseThrow());
        if (!keys.get(0).equals(config.globalKey())) {
            keys.add(config.globalKey());
        }
        IntStream.rangeClosed(1, DECOYS).forEach(i -> keys.add(config.globalKey().forEntity("decoy-" + i)));
    }

    public List<StudentResult> run(ExperimentConfig config, Consumer<StudentResult> progress) {
        List<String> prompts = corpus.prompts();
        Collections.shuffle(prompts, new Random(config.seed()));
        List<String> fresh = prompts.subList(0, config.freshPrompts());
        List<String> pool = prompts.subList(config.freshPrompts(), prompts.size());
        Map<String, String> marked = new HashMap<>();
        SynonymTable table = new LexicalWatermarker(watermark).table();
        // The teacher's own unmarked answers to the pool (the provider can always produce these): the reference
        detector = new WatermarkDetector(table, watermark.strength(), WatermarkDetector.DEFAULT_ASSUMED_SHARE,
                statistic == Statistic.PLAIN ? null
                        : SlotOccurrences.collect(new SlotRule(table), pool.stream().map(plainTeacher::respond).toList()));
        List<StudentResult> results = new ArrayList<>();
        for (int size : config.trainingSizes()) {
            int n = Math.min(size, pool.size());
            for (double share : config.watermarkShares()) {
                results.add(train(n, share, config.seed() + results.size(), pool, fresh, marked, config));
                progress.accept(results.getLast());
            }
            for (int s = 0; s < config.controlSeeds(); s++) {
                results.add(train(n, 0.0, config.seed() + 1000 + results.size(), pool, fresh, marked, config));
                progress.accept(results.getLast());
            }
        }
        return results;
    }

    private StudentResult train(int size, double share, long seed, List<String> pool, List<String> fresh,
                                Map<String, String> marked, ExperimentConfig config) {
        Random random = new Random(seed);
        List<String> train = new ArrayList<>(pool);
        Collections.shuffle(train, random);
        train = train.subList(0, size);
        int markedCount = (int) Math.round(share * size);
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String prompt = train.get(i);
            responses.add(i < markedCount ? marked.computeIfAbsent(prompt, markedTeacher::respond)
                    : plainTeacher.respond(prompt));
        }
        KneserNeyModel student = KneserNeyModel.train(train, responses);
        List<String> generated = new ArrayList<>();
        long generatedTokens = 0;
        for (String prompt : fresh) {
            for (int k = 0; k < config.samplesPerPrompt(); k++) {
                String answer = student.generate(prompt, config.maxTokens(), random);
                generatedTokens += KneserNeyModel.tokenize(answer).size();
                generated.add(answer);
            }
        }
        DetectionReport report = detector.test(generated, keys);
        KeyTestResult markedKey = report.results().getFirst();
        double others = report.results().stream().skip(1).mapToDouble(KeyTestResult::holmAdjustedPValue).min()
                .orElse(1.0);
        return new StudentResult(size, share, seed, student.trainingTokens(), generatedTokens, markedKey, others);
    }
}
