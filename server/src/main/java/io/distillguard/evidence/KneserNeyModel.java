package io.distillguard.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "student" of the distillation experiment: a word trigram language model with interpolated Kneser-Ney smoothing
 * (absolute discount 0.75, continuation counts for the lower orders), trained on (prompt, response) texts and sampled
 * to answer new prompts. Sampling uses the exact mixture form of the interpolation: with probability of the discounted
 * trigram mass draw from the trigram counts, otherwise recurse to the bigram, then the continuation unigram.
 */
public final class KneserNeyModel {

    public static final String SEP = "<sep>";
    private static final String BOS = "<s>";
    private static final String EOS = "</s>";
    private static final double DISCOUNT = 0.75;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_'\u2019-]+|[^\\s\\p{L}\\p{N}`]");

    private final List<String> vocabulary = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<Long, Level> trigrams = new HashMap<>();
    private final Map<Integer, Level> bigrams = new HashMap<>();
    private Level unigrams;
    private long trainingTokens;

    private KneserNeyModel() {
    }

    /** Trains on (prompt, response) pairs: each sequence is {@code <s> <s> prompt <sep> response </s>}. */
    public static KneserNeyModel train(List<String> prompts, List<String> responses) {
        KneserNeyModel model = new KneserNeyModel();
        Map<Long, Map<Integer, Integer>> counts = new HashMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            List<String> response = tokenize(responses.get(i));
            model.trainingTokens += response.size();
            int[] seq = model.encode(prompts.get(i), response);
            for (int j = 2; j < seq.length; j++) {
                counts.computeIfAbsent(pair(seq[j - 2], seq[j - 1]), k -> new HashMap<>()).merge(seq[j], 1, Integer::sum);
            }
        }
        Map<Integer, Map<Integer, Integer>> continuation = new HashMap<>();
        counts.forEach((context, next) -> next.keySet().forEach(w ->
                continuation.computeIfAbsent((int) (long) context, k -> new HashMap<>()).merge(w, 1, Integer::sum)));
        Map<Integer, Integer> unigramContinuation = new HashMap<>();
        continuation.values().forEach(next -> next.keySet().forEach(w -> unigramContinuation.merge(w, 1, Integer::sum)));
        counts.forEach((context, next) -> model.trigrams.put(context, Level.of(next)));
        continuation.forEach((context, next) -> model.bigrams.put(context, Level.of(next)));
        model.unigrams = Level.of(unigramContinuation);
        return model;
    }

    /** Samples a response to the prompt (at most maxTokens tokens). */
    public String generate(String prompt, int maxTokens, Random random) {
        int[] context = encodeKnown(prompt);
        int u = context[context.length - 2];
        int v = context[context.length - 1];
        int eos = ids.get(EOS);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < maxTokens; i++) {
            int w = sample(u, v, random);
            if (w == eos) {
                break;
            }
            out.add(vocabulary.get(w));
            u = v;
            v = w;
        }
        return detokenize(out);
    }

    /** Interpolated Kneser-Ney probability of w after (u, v); tokens must be in the vocabulary. */
    public double probability(String u, String v, String w) {
        int iu = ids.get(u);
        int iv = ids.get(v);
        int iw = ids.get(w);
        double lower = bigramProbability(iv, iw);
        Level tri = trigrams.get(pair(iu, iv));
        return tri == null ? lower : tri.discounted(iw) + tri.backoffWeight() * lower;
    }

    private double bigramProbability(int v, int w) {
        double uni = unigrams.countOf(w) / (double) unigrams.total;
        Level bi = bigrams.get(v);
        return bi == null ? uni : bi.discounted(w) + bi.backoffWeight() * uni;
    }

    private int sample(int u, int v, Random random) {
        Level tri = trigrams.get(pair(u, v));
        if (tri != null && random.nextDouble() >= tri.backoffWeight()) {
            return tri.sample(random, DISCOUNT);
        }
        Level bi = bigrams.get(v);
        if (bi != null && random.nextDouble() >= bi.backoffWeight()) {
            return bi.sample(random, DISCOUNT);
        }
        return unigrams.sample(random, 0);
    }

    public long trainingTokens() {
        return trainingTokens;
    }

    public int vocabularySize() {
        return vocabulary.size();
    }

    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Joins tokens with spaces, attaching closing punctuation to the word before it. */
    public static String detokenize(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            boolean attach = token.length() == 1 && ".,;:!?)%]}".indexOf(token.charAt(0)) >= 0;
            if (!out.isEmpty() && !attach && "([{".indexOf(out.charAt(out.length() - 1)) < 0) {
                out.append(' ');
            }
            out.append(token);
        }
        return out.toString();
    }

    private int[] encode(String prompt, List<String> response) {
        List<String> tokens = new ArrayList<>(List.of(BOS, BOS));
        tokens.addAll(tokenize(prompt));
        tokens.add(SEP);
        tokens.addAll(response);
        tokens.add(EOS);
        return tokens.stream().mapToInt(this::id).toArray();
    }

    private int[] encodeKnown(String prompt) {
        List<String> tokens = new ArrayList<>(List.of(BOS, BOS));
        tokens.addAll(tokenize(prompt));
        tokens.add(SEP);
        return tokens.stream().mapToInt(t -> ids.getOrDefault(t, ids.get(BOS))).toArray();
    }

    private int id(String token) {
        return ids.computeIfAbsent(token, t -> {
            vocabulary.add(t);
            return vocabulary.size() - 1;
        });
    }

    private static long pair(int u, int v) {
        return ((long) u << 32) | (v & 0xFFFFFFFFL);
    }

    /** Next-word counts of one context, frozen into arrays for sampling. */
    private record Level(int[] words, int[] cumulativeCounts, Map<Integer, Integer> counts, int total) {

        static Level of(Map<Integer, Integer> next) {
            int[] words = new int[next.size()];
            int[] cumulative = new int[next.size()];
            int total = 0;
            int i = 0;
            for (Map.Entry<Integer, Integer> e : next.entrySet()) {
                words[i] = e.getKey();
                total += e.getValue();
                cumulative[i] = total;
                i++;
            }
            return new Level(words, cumulative, next, total);
        }

        int countOf(int w) {
            return counts.getOrDefault(w, 0);
        }

        double discounted(int w) {
            return Math.max(countOf(w) - DISCOUNT, 0) / total;
        }

        double backoffWeight() {
            return DISCOUNT * words.length / total;
        }

        /** Draws w with probability proportional to count(w) - discount. */
        int sample(Random random, double discount) {
            double target = random.nextDouble() * (total - discount * words.length);
            int lo = 0;
            int hi = words.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulativeCounts[mid] - discount * (mid + 1) > target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return words[lo];
        }
    }
}
