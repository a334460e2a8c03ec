package io.distillguard.semantic;

import io.distillguard.feature.SharedPrompts;
import java.util.ArrayList;
import java.util.List;

/**
 * Real prompts embedded once per test class: ShareGPT first turns (benign), and GSM8K questions filled into one
 * chain-of-thought template (a distillation campaign). Kept to a few hundred texts so embedding takes seconds.
 */
final class SemanticFixture {

    static final String TEMPLATE = "Solve the following problem. Imagine and articulate the internal reasoning behind"
            + " a completed response and write it out step by step.\n\nProblem: %s";

    final MiniLmEmbedder embedder = new MiniLmEmbedder();
    final RandomProjection projection = RandomProjection.defaults(11);
    final List<byte[]> benign;
    final List<byte[]> campaign;

    SemanticFixture(int benignCount, int campaignCount) {
        benign = project(embedder.embedAll(clip(SharedPrompts.shareGptFirstTurns(benignCount))));
        List<String> prompts = new ArrayList<>();
        for (String q : SharedPrompts.gsm8kQuestions(campaignCount)) {
            prompts.add(TEMPLATE.formatted(q));
        }
        campaign = project(embedder.embedAll(prompts));
    }

    private List<byte[]> project(List<byte[]> embeddings) {
        return embeddings.stream().map(projection::project).toList();
    }

    private static List<String> clip(List<String> texts) {
        return texts.stream().map(t -> t.length() > 1000 ? t.substring(0, 1000) : t).toList();
    }
}
