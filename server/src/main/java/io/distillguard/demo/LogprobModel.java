package io.distillguard.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible log probabilities for generated tokens: most tokens are near-certain, some are uncertain. Alternatives are
 * other tokens of the same answer (tokens boosted by logit_bias first, as a biased model would rank them higher) and
 * share the remaining probability mass geometrically, so the probabilities at a position never sum above one.
 */
final class LogprobModel {

    private static final List<String> COMMON = List.of(" the", " a", " of", " and", " to", " in", " is", ",", ".",
            " that", " it", " for", " as", " with", " on");
    private static final double MIN_LOGPROB = -9.0;

    private LogprobModel() {
    }

    static List<TokenLogprob> forTokens(SplittableRandom random, List<String> tokens, int topN, List<String> boosted) {
        LinkedHashSet<String> pool = new LinkedHashSet<>(boosted);
        pool.addAll(tokens);
        pool.addAll(COMMON);
        List<String> candidates = new ArrayList<>(pool);
        int boostedCount = new LinkedHashSet<>(boosted).size();
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            double u = 1.0 - random.nextDouble();
            double logprob = Math.max(MIN_LOGPROB, -0.45 * Math.pow(-Math.log(u), 1.6));
            out.add(new TokenLogprob(token, logprob, alternatives(random, token, logprob, topN, candidates,
                    boostedCount)));
        }
        return out;
    }

    private static List<TokenLogprob.Alternative> alternatives(SplittableRandom random, String token, double logprob,
                                                               int topN, List<String> candidates, int boostedCount) {
        if (topN <= 0) {
            return List.of();
        }
        List<TokenLogprob.Alternative> top = new ArrayList<>(topN);
        top.add(new TokenLogprob.Alternative(token, logprob));
        double rest = Math.max(1e-9, -Math.expm1(logprob));
        LinkedHashSet<String> picked = new LinkedHashSet<>();
        picked.add(token);
        int boostedLeft = boostedCount;
        for (int k = 1; k < topN && picked.size() < candidates.size(); k++) {
            String alt;
            if (boostedLeft > 0) {
                alt = candidates.get(boostedCount - boostedLeft--);
            } else {
                alt = candidates.get(random.nextInt(candidates.size()));
            }
            if (!picked.add(alt)) {
                k--;
                continue;
            }
            double share = rest * 0.55 * Math.pow(0.45, k - 1);
            top.add(new TokenLogprob.Alternative(alt, Math.max(MIN_LOGPROB * 2, Math.log(share))));
        }
        top.sort(Comparator.comparingDouble(TokenLogprob.Alternative::logprob).reversed());
        return top;
    }
}
