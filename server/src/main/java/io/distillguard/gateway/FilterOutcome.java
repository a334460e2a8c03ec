package io.distillguard.gateway;

/**
 * What a request filter decided: let the request go on, answer it now with an error, or decide later without blocking.
 * A rejection is data.
 */
public sealed interface FilterOutcome {

    /** Go on with the next filter. */
    record Continue() implements FilterOutcome {}

    /** Stop and answer with {@code error}. */
    record Reject(ErrorResponse error) implements FilterOutcome {}

    /**
     * Decided later, e.g. once a remote limit store answered. The future must complete on the request's context (as
     * {@code Future.fromCompletionStage(stage, context)} does), since the chain goes on in its callback.
     */
    record Later(io.vertx.core.Future<FilterOutcome> outcome) implements FilterOutcome {}

    FilterOutcome CONTINUE = new Continue();

    static FilterOutcome reject(ErrorResponse error) {
        return new Reject(error);
    }
}
