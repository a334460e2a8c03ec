package io.distillguard.forensics;

import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymClass;
import io.distillguard.watermark.TokenSink;
import io.distillguard.watermark.WordLexer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The watermark slots of a suspect corpus, independent of any key: each distinct (previous word, synonym class) pair
 * once, with the member that occurred there first. Keeping one occurrence per pair makes the units independent under
 * the null hypothesis (distinct pairs get independent keyed choices) and keeps repeated phrases from counting twice.
 */
public final class SlotOccurrences {

    /** One unit: the context, the class and the member seen first in that context. */
    public record Unit(String context, SynonymClass synonymClass, int observedMember) {
    }

    private final List<Unit> units;
    private final long occurrences;

    private SlotOccurrences(List<Unit> units, long occurrences) {
        this.units = List.copyOf(units);
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
        return new SlotOccurrences(collector.units, collector.occurrences);
    }

    public List<Unit> units() {
        return units;
    }

    /** All slot occurrences, repeats included. */
    public long occurrences() {
        return occurrences;
    }

    private static final class Collector implements TokenSink {
        private final SlotRule rule;
        private final Set<String> seen = new HashSet<>();
        private final List<Unit> units = new ArrayList<>();
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
                if (seen.add(slot.id() + "\u0001" + context)) {
                    units.add(new Unit(context, slot, slot.members().indexOf(lower)));
                }
            }
            previous = lower;
        }

        @Override
        public void text(CharSequence text) {
        }

        @Override
        public void code(CharSequence text) {
            previous = null;
        }

        @Override
        public void end() {
        }
    }
}
