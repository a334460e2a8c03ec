package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BenchmarkIndexTest {

    private static BenchmarkIndex index;
    private static final Map<String, String> QUESTIONS = new HashMap<>();

    @BeforeAll
    static void load() {
        List<BenchmarkItem> items = BenchmarkFileReader.read(List.of(SharedPrompts.mmluDir(), SharedPrompts.gsm8k()));
        long before = usedHeap();
        long start = System.nanoTime();
        index = BenchmarkIndex.of(items);
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        long after = usedHeap();
        System.out.printf("BenchmarkIndex: %d entries over MMLU test + GSM8K train, arrays %.1f MB, heap growth ~%.1f MB, built in %d ms%n",
                index.size(), index.memoryBytes() / 1e6, (after - before) / 1e6, loadMs);
        for (BenchmarkItem item : items) {
            QUESTIONS.put(item.source() + "#" + item.item(), TextNormalizer.normalize(item.question()));
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Matched, and to an item with the same question (MMLU repeats some questions across rows). */
    private static boolean recognises(String prompt, BenchmarkItem expected) {
        Optional<BenchmarkMatch> m = index.match(prompt);
        return m.isPresent() && TextNormalizer.normalize(expected.question())
                .equals(QUESTIONS.get(m.get().source() + "#" + m.get().item()));
    }

    @Test
    void recognisesMmluItemsRawAndReformatted() {
        List<BenchmarkItem> items = SharedPrompts.mmluItems();
        int raw = 0, reformatted = 0, questionOnly = 0, n = 0;
        for (int i = 0; i < items.size(); i += 47) {
            BenchmarkItem item = items.get(i);
            String[] options = item.full().split("\n");
            n++;
            if (recognises(item.full().replace('\n', ','), item)) {
                raw++;
            }
            StringBuilder p = new StringBuilder("The following is a multiple choice question. Answer with the letter only.\n\n");
            p.append(item.question().toUpperCase(Locale.ROOT).replace(" ", "  ")).append('\n');
            for (int o = 1; o < options.length; o++) {
                p.append("(").append((char) ('A' + o - 1)).append(") ").append(options[o]).append("   ");
            }
            p.append("\nAnswer:");
            if (recognises(p.toString(), item)) {
                reformatted++;
            }
            if (recognises("Please answer this question: " + item.question(), item)) {
                questionOnly++;
            }
        }
        System.out.printf("BenchmarkIndex MMLU: raw %d/%d, reformatted+wrapped %d/%d, question-only wrapped %d/%d%n",
                raw, n, reformatted, n, questionOnly, n);
        assertThat(raw / (double) n).isGreaterThanOrEqualTo(0.95);
        assertThat(reformatted / (double) n).isGreaterThanOrEqualTo(0.95);
        assertThat(questionOnly / (double) n).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void recognisesGsm8kItemsRawAndWrapped() {
        List<String> questions = SharedPrompts.gsm8kQuestions(7473);
        int raw = 0, wrapped = 0, n = 0;
        for (int i = 0; i < questions.size(); i += 25) {
            String q = questions.get(i);
            BenchmarkItem item = new BenchmarkItem("train.jsonl", i + 1, q, q);
            n++;
            if (recognises(q, item)) {
                raw++;
            }
            if (recognises(CotWrappers.wrap(i, q.replaceAll("\\s+", " \n ")), item)) {
                wrapped++;
            }
        }
        System.out.printf("BenchmarkIndex GSM8K: raw %d/%d, CoT-wrapped + whitespace-changed %d/%d%n", raw, n, wrapped, n);
        assertThat(raw / (double) n).isGreaterThanOrEqualTo(0.95);
        assertThat(wrapped / (double) n).isGreaterThanOrEqualTo(0.95);
        assertThat(index.match(questions.get(0))).get().extracting(BenchmarkMatch::source, BenchmarkMatch::item)
                .containsExactly("train.jsonl", 1);
    }

    @Test
    void rarelyMatchesUnrelatedPrompts() {
        List<String> prompts = new ArrayList<>(SharedPrompts.shareGptHumanTurns(Integer.MAX_VALUE));
        int shareGpt = prompts.size();
        prompts.addAll(SharedPrompts.alpacaPrompts(2000));
        int falseShare = 0, falseAlpaca = 0;
        long start = System.nanoTime();
        for (int i = 0; i < prompts.size(); i++) {
            if (index.match(prompts.get(i)).isPresent()) {
                if (i < shareGpt) {
                    falseShare++;
                } else {
                    falseAlpaca++;
                }
            }
        }
        System.out.printf("BenchmarkIndex false matches: ShareGPT %d/%d, Alpaca %d/%d (%.2f ms per lookup)%n",
                falseShare, shareGpt, falseAlpaca, prompts.size() - shareGpt,
                (System.nanoTime() - start) / 1e6 / prompts.size());
        assertThat(falseShare / (double) shareGpt).isLessThanOrEqualTo(0.01);
        assertThat(falseAlpaca / (double) (prompts.size() - shareGpt)).isLessThanOrEqualTo(0.01);
    }
}
