package io.distillguard.sim.scenario;

/** Bursts on top of a parametric arrival rate: every {@code every}, for {@code length}, the rate times {@code factor}. */
public record BurstSpec(SimDuration every, SimDuration length, Double factor) {

    public BurstSpec {
        every = every == null ? SimDuration.parse("1d") : every;
        length = length == null ? SimDuration.parse("10m") : length;
        factor = factor == null ? 5.0 : factor;
        if (every.millis() <= 0 || length.millis() <= 0 || length.millis() > every.millis() || factor < 1) {
            throw new IllegalArgumentException("bursts: 0 < length <= every and factor >= 1");
        }
    }
}
