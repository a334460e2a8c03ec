package io.distillguard.gateway;

/** What a request filter decided: let the request go on, or answer it now with an error. A rejection is data. */
public sealed interface FilterOutcome {

    /** Go on with the next filter. */
    record Continue() implements FilterOutcome {}

    /** Stop and answer with {@code error}. */
    record Reject(ErrorResponse error) implements FilterOutcome {}

    FilterOutcome CONTINUE = new Continue();

    static FilterOutcome reject(ErrorResponse error) {
        return new Reject(error);
    }
}
