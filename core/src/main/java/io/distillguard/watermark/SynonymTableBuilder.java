package io.distillguard.watermark;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Derives the synonym classes from WordNet 3.1 (extJWNL). A word joins a class only when it is common (tagged often
 * in WordNet's sense-tagged corpus), used almost only in one part of speech, and mostly in its first sense; the class
 * is the set of such words whose first sense is the same synset. Every word thus belongs to at most one class.
 * Regular inflections ({@link Inflections}) get classes of their own. Run {@link #main} (scripts/generate-synonym-table) to regenerate the
 * committed resource; the suite checks that the resource still equals what this builder produces.
 */
public final class SynonymTableBuilder {

    /**
     * Which WordNet lemmas may join a class.
     *
     * @param minUses            minimum tagged uses of the word in its part of speech
     * @param minFirstSenseShare share of the word's tagged uses that must fall on its first sense
     * @param maxOtherPosShare   tagged uses in any other part of speech may be at most this share of the main one
     * @param maxClassSize       members kept per class (the most used ones)
     */
    public record Criteria(int minUses, double minFirstSenseShare, double maxOtherPosShare, int maxClassSize) {
        /** The criteria of the committed table. */
        public static final Criteria STANDARD = new Criteria(3, 0.5, 0.1, 4);
    }

    private static final Pattern LEMMA = Pattern.compile("[a-z]{3,}");
    private static final Set<String> STOP = Set.of(
            "the", "and", "but", "not", "all", "any", "few", "many", "much", "more", "most", "less", "least", "own",
            "one", "two", "three", "very", "also", "too", "just", "then", "than", "now", "here", "there", "only",
            "even", "still", "well", "yet", "ever", "never", "again", "away", "back", "out", "off", "about", "over",
            "such", "same", "other", "else", "can", "will", "may", "might", "must", "shall", "should", "would",
            "could", "have", "has", "had", "get", "got", "make", "made", "take", "took", "give", "gave", "put",
            "set", "let", "way", "thing", "things", "who", "what", "why", "how", "when", "where");

    /**
     * Lemmas WordNet groups with a synonym whose everyday meaning or register differs (reviewed by hand against the
     * generated list; a denied lemma simply leaves its class, which disappears when fewer than two remain).
     */
    private static final Set<String> DENY = Set.of(
            "someone", "grouping", "uptake", "warfare", "selling", "committee", "min", "being", "earlier", "after",
            "afterward", "afterwards", "thought", "perish", "unify", "suppress", "motivate", "simulate", "regain",
            "withstand", "elderly", "spiritual", "babe", "mamma", "instal", "percentage", "percent", "chance",
            "scheme", "foliage", "mode", "stairs", "steps", "traverse", "quit", "presently", "doubtless", "madly",
            "frantically", "awfully", "terribly", "plainly", "furnish", "oblige", "employ", "strictly", "kind", "sort",
            "cross", "beast", "promote", "frightening", "extended", "authorities",
            // reviewed for the denser table: other senses common in model output, or verb forms read as adjectives
            "fault", "finding", "determination", "potency", "manpower", "spouse", "lots", "dozens", "growing",
            "coalesce", "prompt", "incite", "populate", "salvage", "retrieve", "bask", "savor", "eyelid", "plane",
            "tubing", "conception", "castle", "piteous", "peculiar", "queer", "fundamental", "sundry", "little",
            "dozen", "learned", "erudite", "marked", "pronounced", "loaded", "laden", "draped", "wrapped", "drawn",
            "haggard", "suited", "darned", "goddam", "goddamned", "reckon", "muse", "disperse", "apprehend",
            "originate", "attest", "youngster", "lad", "fella", "jimdandy", "jimhickey", "integrity", "complaint",
            "bureau", "initiation", "component", "sensing", "scrutiny", "eating", "engagement", "patronage",
            "doctrine", "assurance", "publicity", "shouting", "colony", "defender", "director", "regime",
            "eventually", "anyhow", "constantly", "badly", "differentiation", "curving", "concealed", "style",
            "puncher", "shenanigan", "contrivance", "salient", "apportion", "espouse", "vacate", "ordain",
            "belie", "interlace", "decry", "impute", "construe", "mutely", "soberly");

    private final Dictionary dictionary;

    private final Criteria criteria;

    public SynonymTableBuilder(Dictionary dictionary) {
        this(dictionary, Criteria.STANDARD);
    }

    public SynonymTableBuilder(Dictionary dictionary, Criteria criteria) {
        this.dictionary = dictionary;
        this.criteria = criteria;
    }

    /** Builds the classes in a deterministic order (part of speech, then synset offset). */
    public List<SynonymClass> build() throws JWNLException {
        Map<String, Map<POS, Candidate>> byLemma = new HashMap<>();
        for (POS pos : POS.getAllPOS()) {
            for (Iterator<IndexWord> it = dictionary.getIndexWordIterator(pos); it.hasNext(); ) {
                IndexWord index = it.next();
                String lemma = index.getLemma();
                if (!LEMMA.matcher(lemma).matches() || STOP.contains(lemma) || DENY.contains(lemma)) {
                    continue;
                }
                List<Synset> senses = index.getSenses();
                if (senses.get(0).getWords().stream().anyMatch(w -> !w.getLemma().equals(w.getLemma().toLowerCase()))) {
                    continue; // proper nouns (months, names) and abbreviations of them
                }
                int total = 0;
                int first = 0;
                for (int i = 0; i < senses.size(); i++) {
                    int uses = usesOf(senses.get(i), lemma);
                    total += uses;
                    if (i == 0) {
                        first = uses;
                    }
                }
                byLemma.computeIfAbsent(lemma, k -> new EnumMap<>(POS.class))
                        .put(pos, new Candidate(lemma, pos, senses.get(0).getOffset(), total, first));
            }
        }
        Map<String, List<Candidate>> groups = new TreeMap<>();
        for (Map<POS, Candidate> perPos : byLemma.values()) {
            Candidate main = perPos.values().stream().max(Comparator.comparingInt(Candidate::uses)).orElseThrow();
            boolean otherPosRare = perPos.values().stream()
                    .allMatch(c -> c == main || c.uses() <= criteria.maxOtherPosShare() * main.uses());
            if (main.uses() >= criteria.minUses() && otherPosRare
                    && main.firstSenseUses() >= criteria.minFirstSenseShare() * main.uses()) {
                groups.computeIfAbsent(groupKey(main.pos(), main.synset()), k -> new ArrayList<>()).add(main);
            }
        }
        List<List<String>> bases = new ArrayList<>();
        List<POS> basePos = new ArrayList<>();
        List<Long> baseSynset = new ArrayList<>();
        for (List<Candidate> group : groups.values()) {
            List<String> members = group.stream()
                    .sorted(Comparator.comparingInt(Candidate::uses).reversed().thenComparing(Candidate::lemma))
                    .map(Candidate::lemma).toList();
            if (group.get(0).pos() == POS.NOUN && members.stream().anyMatch(m -> m.endsWith("s"))
                    && !members.stream().allMatch(m -> m.endsWith("s"))) {
                members = members.stream().filter(m -> !m.endsWith("s")).toList(); // "government" vs "authorities"
            }
            if (members.size() >= 2) {
                bases.add(members.subList(0, Math.min(criteria.maxClassSize(), members.size())));
                basePos.add(group.get(0).pos());
                baseSynset.add(group.get(0).synset());
            }
        }
        Set<String> taken = new HashSet<>();
        bases.forEach(taken::addAll);
        Inflections inflections = new Inflections(dictionary);
        List<SynonymClass> classes = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            POS pos = basePos.get(i);
            classes.add(new SynonymClass(classes.size(), pos.getLabel(), baseSynset.get(i), bases.get(i)));
            for (Map.Entry<String, List<String>> form : inflections.regularForms(pos, bases.get(i)).entrySet()) {
                if (form.getValue().stream().noneMatch(taken::contains)) {
                    taken.addAll(form.getValue());
                    classes.add(new SynonymClass(classes.size(), pos.getLabel() + "-" + form.getKey(),
                            baseSynset.get(i), form.getValue()));
                }
            }
        }
        return classes;
    }

    private static String groupKey(POS pos, long synset) {
        return pos.getKey() + String.format("%09d", synset);
    }

    private static int usesOf(Synset synset, String lemma) {
        for (Word word : synset.getWords()) {
            if (word.getLemma().equalsIgnoreCase(lemma)) {
                return word.getUseCount();
            }
        }
        return 0;
    }

    private record Candidate(String lemma, POS pos, long synset, int uses, int firstSenseUses) {
    }

    /** Regenerates the committed resource: {@code SynonymTableBuilder <output.tsv>}. */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Dictionary dictionary = Dictionary.getDefaultResourceInstance();
        long loaded = System.nanoTime();
        List<SynonymClass> classes = new SynonymTableBuilder(dictionary).build();
        long built = System.nanoTime();
        Path out = Path.of(args.length > 0 ? args[0]
                : "core/src/main/resources/io/distillguard/watermark/synonym-classes.tsv");
        Files.writeString(out, SynonymTable.toTsv(classes));
        Map<String, Integer> perPos = new LinkedHashMap<>();
        classes.forEach(c -> perPos.merge(c.pos(), 1, Integer::sum));
        System.out.printf("classes=%d words=%d perPos=%s wordnetLoad=%.1fs build=%.1fs -> %s%n", classes.size(),
                classes.stream().mapToInt(SynonymClass::size).sum(), perPos, (loaded - start) / 1e9,
                (built - loaded) / 1e9, out);
    }
}
