package io.distillguard.sim.run;

import java.util.List;

/** What the harness saw the gateway's detection and policy side do, stamped with the virtual time it happened. */
public sealed interface Observed {
    long atMs();

    /** An alert (first or later revision) on an entity, with the accounts it names. */
    record AlertSeen(long atMs, String entityId, double score, List<String> accounts, List<String> signals)
            implements Observed {
    }

    /**
     * A policy decision in force: its action ({@code tag}, {@code watermark}, {@code degrade}, {@code throttle},
     * {@code require_verification}, {@code block}), scope, and the accounts it reached when it was made.
     */
    record DecisionSeen(long atMs, String action, int severity, String scope, List<String> accounts)
            implements Observed {
    }
}
