package io.distillguard.registry;

/** The answer to a bearer token: a principal, or a denial with its reason. A denial is data, not an exception. */
public sealed interface AuthResult {

    /** The token is a live key of an active account. */
    record Authenticated(Principal principal) implements AuthResult {
    }

    /** The token does not grant access. */
    record Denied(Reason reason) implements AuthResult {
    }

    /** Why a token was denied. */
    enum Reason {
        /** Not of the form {@code sk-dg-<keyId>-<secret>}. */
        MALFORMED,
        UNKNOWN_KEY,
        BAD_SECRET,
        REVOKED,
        ACCOUNT_SUSPENDED,
        ACCOUNT_CLOSED
    }
}
