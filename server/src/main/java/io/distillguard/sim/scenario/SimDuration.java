package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of virtual time written as in scenario files: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 6h}, {@code 7d},
 * an ISO-8601 duration ({@code PT30M}), optionally negative ({@code -30d}: before the scenario start).
 */
public record SimDuration(long millis) {
    private static final Pattern SHORT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @JsonCreator
    public static SimDuration parse(String text) {
        String t = text.strip();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            return new SimDuration(Math.round(v * unit));
        }
        try {
            boolean negative = t.startsWith("-");
            long ms = Duration.parse(negative ? t.substring(1) : t).toMillis();
            return new SimDuration(negative ? -ms : ms);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 30s, 10m, 6h, 7d or PT30M)");
        }
    }

    public static SimDuration ofMillis(long ms) {
        return new SimDuration(ms);
    }

    @JsonValue
    public String text() {
        return millis % 86_400_000L == 0 && millis != 0 ? millis / 86_400_000L + "d"
                : millis % 3_600_000L == 0 && millis != 0 ? millis / 3_600_000L + "h"
                : millis % 60_000L == 0 && millis != 0 ? millis / 60_000L + "m"
                : millis % 1_000L == 0 ? millis / 1_000L + "s" : millis + "ms";
    }
}
