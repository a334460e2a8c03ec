package io.distillguard.sim.scenario;

/**
 * When a population's accounts sign up, relative to the scenario start: spread evenly (with seeded jitter) over
 * {@code spread} from {@code at}. {@code at: -1d, spread: 30m} is a burst the day before; {@code at: -400d,
 * spread: 360d} is a long-standing customer base.
 */
public record SignupSpec(SimDuration at, SimDuration spread) {

    public SignupSpec {
        at = at == null ? SimDuration.parse("-200d") : at;
        spread = spread == null ? SimDuration.parse("180d") : spread;
        if (spread.millis() < 0) {
            throw new IllegalArgumentException("signup.spread must not be negative");
        }
    }

    public static SignupSpec defaults() {
        return new SignupSpec(null, null);
    }
}
