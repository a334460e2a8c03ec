package io.distillguard.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operator should know about: a policy decision or a detection alert, in the one small shape every
 * {@link FindingSink} understands (and that maps onto an OCSF Detection Finding).
 *
 * @param uid         stable id (a decision id, an alert id): repeated deliveries carry the same uid
 * @param time        when it was found
 * @param severity    how serious
 * @param title       one line
 * @param description what happened and why, for a human
 * @param source      what produced it: a rule name, {@code operator:<name>}, a detector
 * @param resources   what it concerns: entity, accounts, keys
 * @param evidence    the facts and signal values behind it, by name
 */
public record Finding(String uid, Instant time, Severity severity, String title, String description, String source,
                      List<Resource> resources, Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        resources = List.copyOf(resources == null ? List.of() : resources);
        evidence = Map.copyOf(evidence == null ? Map.of() : evidence);
    }

    /** A subject of the finding, e.g. {@code ("entity", "ent_42")}. */
    public record Resource(String type, String uid) {
        public Resource {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(uid, "uid");
        }
    }

    /** OCSF severity levels ({@code severity_id}). */
    public enum Severity {
        INFORMATIONAL(1), LOW(2), MEDIUM(3), HIGH(4), CRITICAL(5);

        private final int id;

        Severity(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }

        /** OCSF's caption, e.g. {@code High}. */
        public String caption() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }
}
