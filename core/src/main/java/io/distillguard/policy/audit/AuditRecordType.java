package io.distillguard.policy.audit;

/** The kinds of audit records. */
public enum AuditRecordType {
    /** A decision of the policy engine (enforce or shadow). */
    DECISION,
    /** An operator's manual action. */
    MANUAL,
    /** An operator lifted a decision. */
    LIFT,
    /** What a decision cost the entity, filled in later by the gateway's metering. */
    COST,
    /** A policy file was loaded. */
    POLICY;

    public String jsonName() {
        return name().toLowerCase();
    }
}
