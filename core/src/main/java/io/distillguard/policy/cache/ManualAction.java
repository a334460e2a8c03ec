package io.distillguard.policy.cache;

import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.file.ActionTemplate;

import java.time.Duration;
import java.util.Objects;

/**
 * An operator's own action on a scope (e.g. block an entity while a case is investigated). Goes through the same
 * decision cache and audit log as the engine's decisions; a reason is mandatory so the audit trail explains it.
 *
 * @param operator who acts
 * @param reason   why (non-blank)
 * @param scope    on what
 * @param action   the action and its parameters (validate with {@link ActionTemplate#validate} first)
 * @param duration how long, or null until lifted
 * @param mode     enforce, or shadow to see what it would hit
 */
public record ManualAction(String operator, String reason, Scope scope, ActionTemplate action, Duration duration,
                           Mode mode) {

    /** Priority of manual decisions: above any rule's at equal severity. */
    public static final int PRIORITY = 1_000_000;

    public ManualAction {
        requireText(operator, "operator");
        requireText(reason, "reason");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    /** The issuer recorded for this action. */
    public String issuer() {
        return "operator:" + operator;
    }

    static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is mandatory");
        }
    }
}
