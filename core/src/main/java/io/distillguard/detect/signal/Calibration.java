package io.distillguard.detect.signal;

/** The small calibration helpers signals share, so that every signal maps its raw value to [0,1] the same way. */
public final class Calibration {
    private Calibration() {
    }

    /** 0 at or below {@code low}, 1 at or above {@code high}, linear in between. */
    public static double ramp(double value, double low, double high) {
        if (Double.isNaN(value) || value <= low) {
            return 0;
        }
        return value >= high ? 1 : (value - low) / (high - low);
    }

    /** Noisy-OR: the probability that at least one of independent causes with these probabilities fires. */
    public static double noisyOr(double... probabilities) {
        double miss = 1;
        for (double p : probabilities) {
            miss *= 1 - Math.max(0, Math.min(1, p));
        }
        return 1 - miss;
    }

    /** {@code part / whole}, 0 when whole is 0. */
    public static double share(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    /** A percentage for explanations: 0.634 -> "63%". */
    public static String pct(double share) {
        return Math.round(share * 100) + "%";
    }

    /** {@link #pct} of a share, formatted when the explanation it is an argument of is (a {@code %s}). */
    public record Percent(double share) {
        @Override
        public String toString() {
            return pct(share);
        }
    }

    /** {@link #compact} of a number, formatted when the explanation it is an argument of is (a {@code %s}). */
    public record Compact(double n) {
        @Override
        public String toString() {
            return compact(n);
        }
    }

    /** A compact count for explanations: 1234567 -> "1.2M". */
    public static String compact(double n) {
        if (n >= 1e6) {
            return "%.1fM".formatted(n / 1e6);
        }
        return n >= 1e4 ? "%.0fk".formatted(n / 1e3) : "%.0f".formatted(n);
    }
}
