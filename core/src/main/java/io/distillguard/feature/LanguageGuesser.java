package io.distillguard.feature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cheap ISO 639-1 language guess: the dominant Unicode script decides for scripts that belong to one language
 * (Hangul, kana, Han, Arabic, Cyrillic, ...); Latin-script text is scored by frequent function words
 * ({@code stopwords.txt}). Returns {@code "und"} when nothing decides. Good enough to separate campaigns by language,
 * not a general language identifier.
 */
public final class LanguageGuesser {

    /** Languages with stopword lists, sorted, so that ties go to the alphabetically first. */
    private final String[] languages;
    /** Stopword -> indexes into {@link #languages} of the languages that list it. */
    private final Map<String, int[]> languagesByStopword;

    private LanguageGuesser(Map<String, Set<String>> stopwordsByLanguage) {
        this.languages = stopwordsByLanguage.keySet().stream().sorted().toArray(String[]::new);
        Map<String, int[]> index = new HashMap<>();
        for (int l = 0; l < languages.length; l++) {
            for (String word : stopwordsByLanguage.get(languages[l])) {
                int[] old = index.getOrDefault(word, new int[0]);
                int[] now = Arrays.copyOf(old, old.length + 1);
                now[old.length] = l;
                index.put(word, now);
            }
        }
        this.languagesByStopword = Map.copyOf(index);
    }

    /** A guesser with the bundled stopword lists. */
    public static LanguageGuesser load() {
        Map<String, Set<String>> lists = new HashMap<>();
        try (InputStream in = LanguageGuesser.class.getResourceAsStream("stopwords.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                int colon = line.indexOf(':');
                if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                lists.put(line.substring(0, colon).strip(), Set.of(line.substring(colon + 1).strip().split("\\s+")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LanguageGuesser(lists);
    }

    /** The language of normalised text {@code text} and its {@code tokens}. */
    public String guess(String text, List<String> tokens) {
        int latin = 0, han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0, devanagari = 0, thai = 0, greek = 0,
                hebrew = 0, ukrainian = 0;
        int limit = Math.min(text.length(), 4000);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                    latin++;
                }
                continue;
            }
            switch (Character.UnicodeScript.of(c)) {
                case LATIN -> latin++;
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case CYRILLIC -> {
                    cyrillic++;
                    if (c == 'і' || c == 'ї' || c == 'є' || c == 'ґ') {
                        ukrainian++;
                    }
                }
                case ARABIC -> arabic++;
                case DEVANAGARI -> devanagari++;
                case THAI -> thai++;
                case GREEK -> greek++;
                case HEBREW -> hebrew++;
                default -> { }
            }
        }
        // CJK characters carry about a word each: weigh them against Latin letters accordingly.
        int cjk = (han + kana) * 3;
        int best = Math.max(latin, Math.max(cjk, Math.max(hangul * 2, Math.max(cyrillic, Math.max(arabic,
                Math.max(devanagari, Math.max(thai, Math.max(greek, hebrew))))))));
        if (best == 0) {
            return "und";
        }
        if (best == cjk) {
            return kana > 0 && kana * 10 >= han ? "ja" : "zh";
        }
        if (best == hangul * 2) {
            return "ko";
        }
        if (best == cyrillic) {
            return ukrainian * 50 > cyrillic ? "uk" : "ru";
        }
        if (best == arabic) {
            return "ar";
        }
        if (best == devanagari) {
            return "hi";
        }
        if (best == thai) {
            return "th";
        }
        if (best == greek) {
            return "el";
        }
        if (best == hebrew) {
            return "he";
        }
        return latinLanguage(tokens);
    }

    /** The language whose stopwords occur most often among the first 400 tokens; ties: alphabetically first. */
    private String latinLanguage(List<String> tokens) {
        int[] scores = new int[languages.length];
        int n = Math.min(tokens.size(), 400);
        for (int i = 0; i < n; i++) {
            int[] ls = languagesByStopword.get(tokens.get(i));
            if (ls != null) {
                for (int l : ls) {
                    scores[l]++;
                }
            }
        }
        String best = "und";
        int bestScore = 0;
        for (int l = 0; l < languages.length; l++) {
            if (scores[l] > bestScore) {
                best = languages[l];
                bestScore = scores[l];
            }
        }
        return best;
    }
}
