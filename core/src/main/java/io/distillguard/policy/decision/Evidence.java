package io.distillguard.policy.decision;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Why a decision was made: the values of every variable and signal the rule's condition read when it came out true,
 * the accounts of the entity, and a free-text note (allowlist downgrade, operator reason).
 *
 * @param facts    values the condition read, by CEL path (e.g. {@code entity.risk}, {@code request.logprobs})
 * @param signals  per-signal scores the condition read, by signal name
 * @param accounts accounts of the entity at decision time
 * @param note     free text, or null
 */
public record Evidence(SortedMap<String, Object> facts, SortedMap<String, Double> signals, List<String> accounts,
                       String note) {

    public static final Evidence NONE = new Evidence(new TreeMap<>(), new TreeMap<>(), List.of(), null);

    public Evidence {
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(facts, "facts")));
        signals = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(signals, "signals")));
        accounts = List.copyOf(accounts == null ? List.of() : accounts);
    }

    /** Evidence holding only a note (manual actions). */
    public static Evidence note(String note) {
        return new Evidence(new TreeMap<>(), new TreeMap<>(), List.of(), note);
    }

    public static Evidence of(Map<String, Object> facts, Map<String, Double> signals, List<String> accounts) {
        return new Evidence(new TreeMap<>(facts), new TreeMap<>(signals), accounts, null);
    }

    /** A copy with {@code extra} appended to the note. */
    public Evidence withNote(String extra) {
        return new Evidence(facts, signals, accounts, note == null ? extra : note + "; " + extra);
    }
}
