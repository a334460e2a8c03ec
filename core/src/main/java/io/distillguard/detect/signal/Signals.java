package io.distillguard.detect.signal;

import java.util.List;

/** The built-in signal set; add more (e.g. an embedding MMD signal) by passing a longer list to the engine. */
public final class Signals {
    private Signals() {
    }

    public static List<Signal> defaults() {
        return List.of(new VolumeSignal(), new TierRidingSignal(), new FleetSignal(), new ContentSignal(),
                new TemplateConcentrationSignal(), new PromptSweepSignal(), new NearDuplicateSignal(),
                new ApiSurfaceSignal(), new TimingRegularitySignal(), new FlatActivitySignal(), new SynchronySignal(),
                new ReleasePivotSignal());
    }
}
