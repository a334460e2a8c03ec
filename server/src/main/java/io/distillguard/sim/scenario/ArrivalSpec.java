package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * When a population's requests arrive (docs/scenarios.md has every field with its default).
 *
 * <ul>
 * <li>{@code poisson}: per account, {@code rate_per_day} requests a day, a diurnal shape ({@code diurnal} 0 = flat,
 *     1 = nothing at the trough; busiest at {@code peak_hour} UTC) and optional {@code bursts}.</li>
 * <li>{@code timer}: per account, one request every {@code every} with up to {@code jitter} of uniform jitter.</li>
 * <li>{@code under_cap}: per account, as many requests as keep {@code cap_fraction} of the tier's daily output cap
 *     and per-minute caps (a tier-rider), evenly spaced with {@code jitter}.</li>
 * <li>{@code azure}, {@code mooncake}, {@code csv}: a real trace file ({@code path}); {@code sample} keeps that share
 *     of its rows, {@code time_scale} stretches it, and it repeats to fill the active window. Traces carry no user
 *     ids: {@code assign} hands requests to accounts ({@code uniform}: seeded random; {@code round_robin};
 *     {@code session}: requests sharing a first prefix block, Mooncake {@code hash_ids[0]}, go to one account).</li>
 * </ul>
 * {@code start}/{@code end} bound the active window relative to the scenario start (default: the whole scenario).
 */
public record ArrivalSpec(Type type, Double ratePerDay, Double diurnal, Integer peakHour, BurstSpec bursts,
        SimDuration every, SimDuration jitter, Double capFraction, String path, Double sample, Double timeScale,
        Assign assign, SimDuration start, SimDuration end) {

    /** Arrival source kinds. */
    public enum Type {
        POISSON, TIMER, UNDER_CAP, AZURE, MOONCAKE, CSV;

        @JsonCreator
        public static Type parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How trace requests are handed to accounts. */
    public enum Assign {
        UNIFORM, ROUND_ROBIN, SESSION;

        @JsonCreator
        public static Assign parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ArrivalSpec {
        Objects.requireNonNull(type, "arrivals.type is required (poisson, timer, under_cap, azure, mooncake, csv)");
        ratePerDay = ratePerDay == null ? 20.0 : ratePerDay;
        diurnal = diurnal == null ? 0.0 : diurnal;
        peakHour = peakHour == null ? 15 : peakHour;
        every = every == null ? SimDuration.parse("10m") : every;
        jitter = jitter == null ? SimDuration.ofMillis(0) : jitter;
        capFraction = capFraction == null ? 0.9 : capFraction;
        sample = sample == null ? 1.0 : sample;
        timeScale = timeScale == null ? 1.0 : timeScale;
        assign = assign == null ? (type == Type.MOONCAKE ? Assign.SESSION : Assign.UNIFORM) : assign;
        if (ratePerDay < 0 || diurnal < 0 || diurnal > 1 || peakHour < 0 || peakHour > 23) {
            throw new IllegalArgumentException("arrivals: rate_per_day >= 0, diurnal in [0,1], peak_hour in 0..23");
        }
        if (every.millis() <= 0 || jitter.millis() < 0 || capFraction <= 0 || capFraction > 1) {
            throw new IllegalArgumentException("arrivals: every > 0, jitter >= 0, cap_fraction in (0,1]");
        }
        if (sample <= 0 || sample > 1 || timeScale <= 0) {
            throw new IllegalArgumentException("arrivals: sample in (0,1], time_scale > 0");
        }
        boolean trace = type == Type.AZURE || type == Type.MOONCAKE || type == Type.CSV;
        if (trace && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("arrivals." + type.text() + " needs a path");
        }
        if (start != null && end != null && end.millis() <= start.millis()) {
            throw new IllegalArgumentException("arrivals: end must be after start");
        }
    }
}
