package io.distillguard.policy.file;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses rule durations: ISO-8601 ({@code PT30M}, {@code P1D}) or shorthand {@code 500ms 90s 30m 24h 7d 2w}. */
public final class DurationSpec {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

    private DurationSpec() {
    }

    /** The positive duration {@code text} denotes, or empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        } else {
            try {
                d = Duration.parse(t.toUpperCase());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
