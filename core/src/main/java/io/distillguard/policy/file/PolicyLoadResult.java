package io.distillguard.policy.file;

import java.util.List;

/** The outcome of loading a policy file: the compiled policy, or every reason it was rejected. */
public sealed interface PolicyLoadResult {

    record Loaded(Policy policy) implements PolicyLoadResult {
    }

    /** @param errors one line per problem, each naming the rule (or section) it concerns */
    record Rejected(List<String> errors) implements PolicyLoadResult {
        public Rejected {
            errors = List.copyOf(errors);
        }

        public String message() {
            return "policy rejected: " + String.join(" | ", errors);
        }
    }
}
