package io.distillguard.policy.decision;

/**
 * Whether a decision is enforced by the gateway or only recorded. Shadow mode lets an operator watch what a new rule
 * would do to live traffic before it touches a customer.
 */
public enum Mode {
    ENFORCE,
    SHADOW
}
