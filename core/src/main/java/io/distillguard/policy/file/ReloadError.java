package io.distillguard.policy.file;

import java.time.Instant;
import java.util.List;

/**
 * Why the last reload of a policy file was refused; the previous policy kept running.
 *
 * @param at      when the reload was attempted (injected clock)
 * @param sha256  hash of the refused file content
 * @param errors  one message per problem, each naming its rule
 */
public record ReloadError(Instant at, String sha256, List<String> errors) {

    public ReloadError {
        errors = List.copyOf(errors);
    }

    public String message() {
        return String.join(" | ", errors);
    }
}
