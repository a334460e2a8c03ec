package io.distillguard.sim.scenario;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A labelled traffic scenario: tiers, populations and how to run them on the virtual clock.
 *
 * @param start       virtual time of the first request (ISO-8601 instant)
 * @param slice       obsolete, accepted for older scenario files: each request now carries its own planned time
 * @param drainEvery  every this much virtual time the runner awaits all replies and lets metering and detection catch up
 * @param concurrency most requests in flight at once
 */
public record Scenario(String name, Long seed, Instant start, SimDuration duration, SimDuration slice,
        SimDuration drainEvery, Integer concurrency, List<TierSpec> tiers, List<PopulationSpec> populations) {

    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("scenario name is required");
        }
        seed = seed == null ? 1L : seed;
        start = start == null ? Instant.parse("2026-10-01T00:00:00Z") : start;
        Objects.requireNonNull(duration, "duration is required (e.g. 2d)");
        slice = slice == null ? SimDuration.parse("1s") : slice;
        drainEvery = drainEvery == null ? SimDuration.parse("1m") : drainEvery;
        concurrency = concurrency == null ? 64 : concurrency;
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        if (duration.millis() <= 0 || slice.millis() <= 0 || drainEvery.millis() < slice.millis()) {
            throw new IllegalArgumentException("duration > 0, slice > 0 and drain_every >= slice");
        }
        if (concurrency < 1 || concurrency > 4096) {
            throw new IllegalArgumentException("concurrency must be in 1..4096");
        }
        if (populations == null || populations.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one population");
        }
        populations = List.copyOf(populations);
        Set<String> names = new HashSet<>();
        for (PopulationSpec p : populations) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("duplicate population name: " + p.name());
            }
        }
    }

    public long startMs() {
        return start.toEpochMilli();
    }

    public long endMs() {
        return startMs() + duration.millis();
    }

    /** The same scenario with another seed (the CLI's {@code --seed}). */
    public Scenario withSeed(long s) {
        return new Scenario(name, s, start, duration, slice, drainEvery, concurrency, tiers, populations);
    }
}
