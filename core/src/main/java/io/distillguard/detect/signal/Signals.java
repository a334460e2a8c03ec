package io.distillguard.detect.signal;

import io.distillguard.semantic.BenignReference;
import java.util.ArrayList;
import java.util.List;

/** The built-in signal set; add more (e.g. an embedding MMD signal) by passing a longer list to the engine. */
public final class Signals {
    private Signals() {
    }

    public static List<Signal> defaults() {
        return List.of(new VolumeSignal(), new TierRidingSignal(), new FleetSignal(), new ContentSignal(),
                new TemplateConcentrationSignal(), new PromptSweepSignal(), new NearDuplicateSignal(),
                new ApiSurfaceSignal(), new TimingRegularitySignal(), new FlatActivitySignal(), new SynchronySignal(),
                new ReleasePivotSignal(), new CampaignSignal(), new DatasetSweepSignal(), new LogitExtractionSignal());
    }

    /**
     * The defaults plus a {@link SemanticSignal} comparing entities' sampled prompt embeddings with {@code reference}
     * (built with the projection seed {@link SemanticConfig#PROJECTION_SEED}); a null reference adds the signal switched
     * off.
     */
    public static List<Signal> withSemantic(BenignReference reference) {
        List<Signal> signals = new ArrayList<>(defaults());
        signals.add(new SemanticSignal(reference, SemanticConfig.DEFAULTS));
        return List.copyOf(signals);
    }
}
