package io.distillguard.watermark;

import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost of the watermark on real model texts, and that every change stays in one synset and part of speech. */
class WatermarkCostTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_'\u2019-]+");

    @Test
    void changesFewWordsAndOnlyWithinOneSynsetAndPartOfSpeech() throws Exception {
        WatermarkKey key = WatermarkKey.global("cost-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        LexicalWatermarker watermarker = new LexicalWatermarker(new WatermarkConfig(key, 1.0, WatermarkScope.GLOBAL));
        Dictionary wordnet = Dictionary.getDefaultResourceInstance();
        Set<String> checkedPairs = new HashSet<>();
        for (var corpus : List.of(RealTexts.alpacaOutputs(), RealTexts.gsm8kAnswers().subList(0, 3000))) {
            long words = 0;
            long changed = 0;
            for (String text : corpus) {
                List<String> before = words(text);
                List<String> after = words(watermarker.apply(text));
                assertThat(after).hasSameSizeAs(before);
                words += before.size();
                for (int i = 0; i < before.size(); i++) {
                    String a = before.get(i);
                    String b = after.get(i);
                    if (!a.equals(b)) {
                        changed++;
                        String pair = a.toLowerCase(Locale.ROOT) + "->" + b.toLowerCase(Locale.ROOT);
                        if (checkedPairs.add(pair)) {
                            assertThat(shareSynsetAndPos(wordnet, a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)))
                                    .as(pair).isTrue();
                        }
                    }
                }
            }
            double share = (double) changed / words;
            System.out.printf("watermark cost: %d of %d words changed (%.3f%%) in %d texts%n", changed, words,
                    100 * share, corpus.size());
            assertThat(share).isBetween(0.001, 0.05);
        }
        assertThat(checkedPairs).hasSizeGreaterThan(40);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Some part of speech in which base forms of both words share a synset (base forms via WordNet morphology). */
    private static boolean shareSynsetAndPos(Dictionary wordnet, String a, String b) throws Exception {
        for (POS pos : POS.getAllPOS()) {
            Set<Synset> synsetsOfA = new HashSet<>();
            for (String base : wordnet.getMorphologicalProcessor().lookupAllBaseForms(pos, a)) {
                IndexWord index = wordnet.getIndexWord(pos, base);
                if (index != null) {
                    synsetsOfA.addAll(index.getSenses());
                }
            }
            for (String base : wordnet.getMorphologicalProcessor().lookupAllBaseForms(pos, b)) {
                IndexWord index = wordnet.getIndexWord(pos, base);
                if (index != null && index.getSenses().stream().anyMatch(synsetsOfA::contains)) {
                    return true;
                }
            }
        }
        return false;
    }
}
