package io.distillguard.forensics;

import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymClass;
import io.distillguard.watermark.TokenSink;
import io.distillguard.watermark.WordLexer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The watermark slots of a suspect corpus, independent of any key: for each distinct (previous word, synonym class)
 * pair, how often each member occurred there (every occurrence counts), and for each class how often each member
 * occurred overall. Distinct pairs get independent keyed choices, so the pairs are the independent units of the test;
 * repeats of a pair share one choice and are counted inside their unit.
 */
public final class SlotOccurrences {

    /** One unit: the context, the class and the occurrences of each member (indexed like the class members). */
    public record Unit(String context, SynonymClass synonymClass, int[] memberCounts) {

        public int total() {
            int sum = 0;
            for (int c : memberCounts) {
                sum += c;
            }
            return sum;
        }
    }

    private final List<Unit> units;
    private final Map<String, Unit> byKey;
    private final Map<Integer, int[]> classCounts;
    private final long occurrences;

    private SlotOccurrences(Map<String, Unit> byKey, Map<Integer, int[]> classCounts, long occurrences) {
        this.byKey = Map.copyOf(byKey);
        this.units = List.copyOf(byKey.values());
        this.classCounts = Map.copyOf(classCounts);
        this.occurrences = occurrences;
    }

    public static SlotOccurrences collect(SlotRule rule, Iterable<String> texts) {
        Collector collector = new Collector(rule);
        for (String text : texts) {
            WordLexer lexer = new WordLexer(collector, false);
            collector.previous = null;
            lexer.accept(text);
            lexer.end();
        }
        return new SlotOccurrences(collector.units, collector.classCounts, collector.occurrences);
    }

    public List<Unit> units() {
        return units;
    }

    /** The unit of {@code synonymClass} after {@code context}, or null when the corpus never has it. */
    public Unit unit(SynonymClass synonymClass, String context) {
        return byKey.get(unitKey(synonymClass, context));
    }

    private static String unitKey(SynonymClass synonymClass, String context) {
        return synonymClass.id() + "\u0001" + context;
    }

    /** How often each member of the class occurred in the whole corpus, any context (zeros when never). */
    public int[] classCounts(SynonymClass synonymClass) {
        int[] counts = classCounts.get(synonymClass.id());
        return counts == null ? new int[synonymClass.size()] : counts.clone();
    }

    /** All slot occurrences, repeats included. */
    public long occurrences() {
        return occurrences;
    }

    private static final class Collector implements TokenSink {
        private final SlotRule rule;
        private final Map<String, Unit> units = new LinkedHashMap<>();
        private final Map<Integer, int[]> classCounts = new HashMap<>();
        private long occurrences;
        private String previous;

        Collector(SlotRule rule) {
            this.rule = rule;
        }

        @Override
        public void word(String raw, char before, char after) {
            String lower = raw.toLowerCase(Locale.ROOT);
            SynonymClass slot = rule.slotClass(raw, lower, before, after, previous);
            if (slot != null) {
                occurrences++;
                String context = previous == null ? "" : previous;
                int member = slot.members().indexOf(lower);
                units.computeIfAbsent(unitKey(slot, context), k -> new Unit(context, slot, new int[slot.size()]))
                        .memberCounts()[member]++;
                classCounts.computeIfAbsent(slot.id(), k -> new int[slot.size()])[member]++;
            }
            previous = lower;
        }

        @Override
        public void code(CharSequence text) {
            previous = null;
        }
    }
}
