package io.distillguard.policy.cache;

import io.distillguard.policy.decision.Scope;

import java.util.Objects;

/**
 * An operator's undo: removes one decision (by id) or every decision on a scope. A lifted rule decision comes back
 * only if the rule matches again; to exempt a customer for good, allowlist it in the policy file.
 *
 * @param operator   who lifts
 * @param reason     why (non-blank)
 * @param scope      the scope
 * @param decisionId the decision to lift, or null for all decisions on the scope
 */
public record Lift(String operator, String reason, Scope scope, String decisionId) {

    public Lift {
        ManualAction.requireText(operator, "operator");
        ManualAction.requireText(reason, "reason");
        Objects.requireNonNull(scope, "scope");
    }
}
