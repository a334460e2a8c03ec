package io.distillguard.detect.signal;

import io.distillguard.event.UsageEvent;

/**
 * One detector of extraction behaviour. The engine scores every registered signal for an entity and combines them
 * (see {@code RiskModel}); a new detector (e.g. an embedding-window MMD signal) is added by registering one more
 * implementation. Signals that need state of their own beyond the shared traffic profiles keep it themselves, fed by
 * {@link #observe}.
 */
public interface Signal {

    /** Stable name, used in weights, alerts and reports. */
    String name();

    /** Weight of a full-strength reading in the risk combination, in (0,1]. */
    double defaultWeight();

    /** Scores the entity described by {@code view}. */
    SignalScore score(EntityView view);

    /** Sees each event before scoring, with the entity it was attributed to; most signals need nothing here. */
    default void observe(UsageEvent event, String entityId) {
    }
}
