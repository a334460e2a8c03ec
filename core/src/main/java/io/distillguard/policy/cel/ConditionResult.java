package io.distillguard.policy.cel;

/**
 * The outcome of evaluating a condition on one input. A runtime error (e.g. indexing an empty list) counts as "no
 * match" and is reported here rather than thrown, so one bad rule never stops the others.
 *
 * @param matched whether the condition came out true
 * @param error   the evaluation error, or null
 */
public record ConditionResult(boolean matched, String error) {

    public static final ConditionResult TRUE = new ConditionResult(true, null);
    public static final ConditionResult FALSE = new ConditionResult(false, null);

    public static ConditionResult failed(String error) {
        return new ConditionResult(false, error);
    }
}
