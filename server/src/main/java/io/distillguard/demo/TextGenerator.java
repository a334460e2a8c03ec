package io.distillguard.demo;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.extjwnl.data.POS;

/**
 * Writes readable English answers from WordNet: paragraphs of definitions, example sentences, synonyms and broader
 * terms of the prompt's words (then of the words those lead to), plus a fenced code block when the prompt asks for
 * code. Deterministic for a given random stream, ASCII only, made of ordinary English words so that the watermarking
 * stage can substitute synonyms in it.
 */
final class TextGenerator {

    private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z]+");
    private static final Pattern CODE_REQUEST = Pattern.compile(
            "\\b(code|function|program|script|implement\\w*|python|java|javascript|class|algorithm|snippet|sql)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_DOMAIN = Pattern.compile("^\\(([^)]{1,40})\\)\\s*(.*)$");
    private static final List<String> FALLBACK_TOPICS = List.of(
            "language", "knowledge", "system", "energy", "water", "history", "music", "city", "science", "river",
            "memory", "garden", "market", "machine", "weather", "journey", "library", "mountain", "number", "light");
    private static final List<String> CONNECTIVES = List.of(
            "In practice, ", "More broadly, ", "Put simply, ", "In other words, ", "Seen another way, ", "Likewise, ");
    private static final int MAX_TOPICS = 16;

    private final Lexicon lexicon;

    TextGenerator(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** An answer to {@code prompt} of about {@code targetTokens} tokens or more, ending at a sentence end. */
    String generate(SplittableRandom random, String prompt, int targetTokens) {
        List<String> words = contentWords(prompt);
        if (words.size() > 1) {
            Collections.swap(words, 0, random.nextInt(Math.min(3, words.size())));
        }
        Deque<String> queue = new ArrayDeque<>(words);
        Set<String> visited = new HashSet<>(queue);
        List<String> topics = new ArrayList<>(queue);
        Deque<Lexicon.Sense> pending = new ArrayDeque<>();
        boolean wantsCode = CODE_REQUEST.matcher(prompt).find();
        boolean javaCode = prompt.toLowerCase(Locale.ROOT).contains("java ")
                || prompt.toLowerCase(Locale.ROOT).endsWith("java");

        StringBuilder text = new StringBuilder();
        int used = 0;
        int sentencesInParagraph = 0;
        int paragraphLength = 3 + random.nextInt(3);
        boolean codeWritten = false;
        while (used < targetTokens) {
            Lexicon.Sense sense = nextSense(random, queue, visited, pending);
            for (String sentence : sentencesAbout(random, sense)) {
                String piece = (sentencesInParagraph == 0 ? "" : " ") + sentence;
                text.append(piece);
                used += estimateTokens(piece);
                sentencesInParagraph++;
            }
            if (sentencesInParagraph >= paragraphLength && used < targetTokens) {
                text.append("\n\n");
                sentencesInParagraph = 0;
                paragraphLength = 3 + random.nextInt(3);
                if (wantsCode && !codeWritten) {
                    String code = CodeBlocks.write(random, topics.isEmpty() ? List.of("item") : topics, javaCode);
                    text.append(code).append("\n\n");
                    used += estimateTokens(code);
                    codeWritten = true;
                }
            }
        }
        return ascii(text.toString().strip());
    }

    /** Distinct lower-case content words of the prompt, in order of appearance. */
    static List<String> contentWords(String prompt) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(prompt);
        while (m.find() && words.size() < MAX_TOPICS) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (Lexicon.isContentWord(w)) {
                words.add(w);
            }
        }
        return new ArrayList<>(words);
    }

    private Lexicon.Sense nextSense(SplittableRandom random, Deque<String> queue, Set<String> visited,
                                    Deque<Lexicon.Sense> pending) {
        while (pending.isEmpty()) {
            if (queue.isEmpty()) {
                queue.add(FALLBACK_TOPICS.get(random.nextInt(FALLBACK_TOPICS.size())));
            }
            List<Lexicon.Sense> senses = new ArrayList<>(lexicon.senses(queue.poll()));
            Collections.shuffle(senses, random);
            while (senses.size() > 2) {
                senses.remove(1 + random.nextInt(senses.size() - 1));
            }
            pending.addAll(senses);
            for (Lexicon.Sense s : senses) {
                for (String related : relatedWords(s)) {
                    if (visited.add(related)) {
                        queue.add(related);
                    }
                }
            }
        }
        return pending.poll();
    }

    private static List<String> relatedWords(Lexicon.Sense sense) {
        List<String> related = new ArrayList<>();
        if (sense.broader() != null) {
            related.add(sense.broader().toLowerCase(Locale.ROOT));
        }
        sense.synonyms().stream().filter(w -> w.indexOf(' ') < 0).limit(1).forEach(related::add);
        return related;
    }

    private List<String> sentencesAbout(SplittableRandom random, Lexicon.Sense sense) {
        List<String> out = new ArrayList<>();
        String definitionSentence = definition(random, sense);
        if (random.nextInt(4) == 0) {
            definitionSentence = connect(random, definitionSentence);
        }
        out.add(definitionSentence);
        if (!sense.examples().isEmpty()) {
            String example = sense.examples().get(random.nextInt(sense.examples().size()));
            out.add(sentence(random.nextBoolean() ? example : "For example: " + example));
        }
        if (!sense.synonyms().isEmpty() && random.nextInt(3) == 0) {
            out.add("It is also called " + sense.synonyms().get(random.nextInt(sense.synonyms().size())) + ".");
        } else if (sense.broader() != null && sense.pos() == POS.NOUN && random.nextInt(3) == 0) {
            out.add(sentence(article(sense.lemma()) + " " + sense.lemma() + " is a kind of " + sense.broader()));
        }
        return out;
    }

    private static String definition(SplittableRandom random, Lexicon.Sense sense) {
        String lemma = sense.lemma();
        String def = sense.definition();
        String domain = null;
        Matcher m = LEADING_DOMAIN.matcher(def);
        if (m.matches() && !m.group(2).isEmpty()) {
            domain = m.group(1);
            def = m.group(2);
        }
        String body = switch (sense.pos()) {
            case NOUN -> random.nextBoolean()
                    ? article(lemma) + " " + lemma + " is " + def
                    : "The word " + lemma + " refers to " + def;
            case VERB -> random.nextBoolean() ? "To " + lemma + " is to " + def : "To " + lemma + " means to " + def;
            case ADJECTIVE -> "Something " + lemma + " is " + def;
            case ADVERB -> "Doing something " + lemma + " means doing it " + def;
        };
        if (domain != null) {
            body = "In " + domain + ", " + lowerArticle(body);
        }
        return sentence(body);
    }

    private static String connect(SplittableRandom random, String sentence) {
        return CONNECTIVES.get(random.nextInt(CONNECTIVES.size())) + lowerArticle(sentence);
    }

    private static String lowerArticle(String s) {
        for (String article : List.of("A ", "An ", "The ", "To ", "Something ", "Doing ")) {
            if (s.startsWith(article)) {
                return Character.toLowerCase(s.charAt(0)) + s.substring(1);
            }
        }
        return s;
    }

    private static String article(String lemma) {
        return "aeiouAEIOU".indexOf(lemma.charAt(0)) >= 0 ? "An" : "A";
    }

    private static String sentence(String s) {
        String t = s.strip();
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        char last = t.charAt(t.length() - 1);
        return last == '.' || last == '!' || last == '?' ? t : t + ".";
    }

    /** About 4.8 characters per o200k token in this text; the engine counts the final text exactly. */
    private static int estimateTokens(String s) {
        return Math.max(1, (int) Math.round(s.length() / 4.8));
    }

    private static String ascii(String s) {
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s;
        }
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^\\x00-\\x7F]", "");
    }
}
