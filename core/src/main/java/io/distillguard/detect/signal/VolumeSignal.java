package io.distillguard.detect.signal;


import io.distillguard.detect.sketch.QuantileSketch;

/**
 * Token velocity of the entity (all its accounts together) against the tokens a single account of its tier uses in an
 * active hour, and against its own accounts' history: robust z-scores (median/MAD), so a few heavy users do not move
 * the baseline. Scores from z = 3 (unusual) to z = 12.
 */
public final class VolumeSignal implements Signal {
    /** The reading when there is nothing to judge yet (readings are immutable, so one serves all entities). */
    private static final SignalScore NO_HISTORY = SignalScore.none("volume", "no peer or own history yet");

    static final int MIN_PEER_HOURS = 50;
    static final int MIN_OWN_HOURS = 24;

    @Override
    public String name() {
        return "volume";
    }

    @Override
    public double defaultWeight() {
        return 0.15;
    }

    @Override
    public SignalScore score(EntityView view) {
        double rate = view.total().tokensPerHour(view.nowMs());
        QuantileSketch peers = view.baselines().activeHourTokens(view.tier());
        QuantileSketch own = view.total().activeHourTokens();
        double zPeer = peers.count() >= MIN_PEER_HOURS ? peers.robustZ(rate) : 0;
        double zOwn = own.count() >= MIN_OWN_HOURS ? own.robustZ(rate) : 0;
        double z = Math.max(zPeer, zOwn);
        if (peers.count() < MIN_PEER_HOURS && own.count() < MIN_OWN_HOURS) {
            return NO_HISTORY;
        }
        String text = "%s tokens/h across %d account(s); a %s account's median active hour is %s (robust z %.1f),"
                + " own median %s (z %.1f)";
        double peerMedian = peers.median();
        return SignalScore.deferred(name(), rate, peerMedian, Calibration.ramp(z, 3, 12), text,
                new Calibration.Compact(rate), view.members().size(), view.tier(), new Calibration.Compact(peerMedian),
                zPeer, new Calibration.Compact(own.median()), zOwn);
    }
}
