package io.distillguard.console;

/**
 * An analyst's verdict on one alert (all revisions of an alert share its id).
 *
 * @param alertId     the alert
 * @param entityId    the alerted entity
 * @param state       acknowledged, escalated or dismissed
 * @param reason      why (mandatory)
 * @param operator    who
 * @param updatedAtMs when
 */
public record Triage(String alertId, String entityId, TriageState state, String reason, String operator,
        long updatedAtMs) {
    public Triage {
        if (alertId == null || alertId.isBlank() || state == null || state == TriageState.NEW) {
            throw new IllegalArgumentException("a triage names an alert and a state other than new");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a triage needs a reason");
        }
    }
}
