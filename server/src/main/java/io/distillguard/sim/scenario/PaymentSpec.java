package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Payment instruments of a population's accounts: {@code unique} (one card each), {@code none} (free accounts), or
 * {@code shared}: a {@code shared_fraction} of the accounts pays with one of {@code cards} shared cards, the rest with
 * cards of their own (a campaign that hides part of its payment links).
 */
public record PaymentSpec(Mode mode, Double sharedFraction, Integer cards) {

    /** How cards are handed out. */
    public enum Mode {
        UNIQUE, SHARED, NONE;

        @JsonCreator
        public static Mode parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PaymentSpec {
        mode = mode == null ? Mode.UNIQUE : mode;
        sharedFraction = sharedFraction == null ? 1.0 : sharedFraction;
        cards = cards == null ? 1 : cards;
        if (sharedFraction < 0 || sharedFraction > 1 || cards < 1) {
            throw new IllegalArgumentException("payment: shared_fraction must be in [0,1] and cards >= 1");
        }
    }

    public static PaymentSpec defaults() {
        return new PaymentSpec(null, null, null);
    }
}
