package io.distillguard.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * The simulator's source of English: WordNet 3.1 (extjwnl with the bundled resource dictionary). Looks up the senses
 * of a word (definition, example sentences, synonyms, a broader term) so that generated text is made of real
 * sentences about the prompt's words. Loading the dictionary takes about a second and ~100 MB, so it is done once, off
 * the event loop; lookups are then in memory. Thread-safe; results are cached in a bounded LRU map.
 */
final class Lexicon {

    /** One meaning of a word. */
    record Sense(String lemma, POS pos, String definition, List<String> examples, List<String> synonyms,
                 String broader) {
    }

    private static final int MAX_SENSES_PER_POS = 3;
    private static final int CACHE_ENTRIES = 20_000;
    private static final Set<String> STOPWORDS = Set.of(
            "the", "and", "for", "with", "this", "that", "what", "which", "who", "whom", "how", "why", "when", "where",
            "please", "can", "could", "would", "should", "will", "shall", "you", "your", "are", "was", "were", "been",
            "have", "has", "had", "does", "did", "doing", "not", "but", "about", "into", "from", "then", "than",
            "there", "their", "they", "them", "these", "those", "its", "our", "out", "any", "all", "some", "also",
            "just", "very", "more", "most", "such", "only", "own", "same", "too", "each", "other", "here", "give",
            "tell", "let", "make", "use", "using", "like", "want", "need", "answer", "question", "following", "one",
            "explain", "describe", "write", "summarize", "summarise", "discuss", "show", "briefly", "detail");

    private final Dictionary dictionary;
    private final Map<String, List<Sense>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Sense>> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    Lexicon() {
        try {
            this.dictionary = Dictionary.getDefaultResourceInstance();
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot load the WordNet resource dictionary", e);
        }
    }

    /** Whether a lower-case word carries content (not a stopword, long enough). */
    static boolean isContentWord(String word) {
        return word.length() >= 3 && !STOPWORDS.contains(word);
    }

    /** The senses of a lower-case word over all parts of speech (at most three per part), possibly empty. */
    List<Sense> senses(String word) {
        synchronized (cache) {
            List<Sense> hit = cache.get(word);
            if (hit != null) {
                return hit;
            }
        }
        List<Sense> found = lookUp(word);
        synchronized (cache) {
            cache.put(word, found);
        }
        return found;
    }

    private List<Sense> lookUp(String word) {
        List<Sense> senses = new ArrayList<>();
        synchronized (dictionary) { // extjwnl does not promise concurrent lookups; results are cached anyway
            collectSenses(word, senses);
        }
        return List.copyOf(senses);
    }

    private void collectSenses(String word, List<Sense> senses) {
        try {
            for (POS pos : POS.getAllPOS()) {
                IndexWord indexWord = dictionary.lookupIndexWord(pos, word);
                if (indexWord == null) {
                    continue;
                }
                List<Synset> synsets = indexWord.getSenses();
                for (int i = 0; i < Math.min(MAX_SENSES_PER_POS, synsets.size()); i++) {
                    senses.add(toSense(indexWord.getLemma(), pos, synsets.get(i)));
                }
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup failed for " + word, e);
        }
    }

    private static Sense toSense(String lemma, POS pos, Synset synset) throws JWNLException {
        String[] parts = synset.getGloss().split(";");
        String definition = parts[0].trim();
        List<String> examples = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.length() > 2 && part.startsWith("\"") && part.endsWith("\"")) {
                examples.add(part.substring(1, part.length() - 1));
            } else if (!part.isEmpty() && !part.startsWith("\"")) {
                definition = definition + "; " + part;
            }
        }
        List<String> synonyms = new ArrayList<>();
        for (Word w : synset.getWords()) {
            if (!w.getLemma().equalsIgnoreCase(lemma)) {
                synonyms.add(w.getLemma());
            }
        }
        String broader = null;
        var hypernyms = synset.getPointers(PointerType.HYPERNYM);
        if (!hypernyms.isEmpty()) {
            broader = hypernyms.getFirst().getTargetSynset().getWords().getFirst().getLemma();
        }
        return new Sense(lemma, pos, definition, List.copyOf(examples), List.copyOf(synonyms), broader);
    }
}
