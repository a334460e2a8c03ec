package io.distillguard.sim.source;

import io.distillguard.sim.scenario.ArrivalSpec;
import io.distillguard.sim.scenario.BurstSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans a population's arrivals from its {@link ArrivalSpec} in its {@link ArrivalWindow}, seeded: parametric
 * (Poisson with a diurnal shape and bursts, by thinning), timers, tier-riders just under every cap, or a real trace
 * sampled, stretched, repeated over the window and handed to accounts as the spec says.
 */
public final class ArrivalSources {
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private ArrivalSources() {
    }

    public static List<Arrival> plan(ArrivalSpec spec, ArrivalWindow w, SplittableRandom rnd) {
        List<Arrival> out = switch (spec.type()) {
            case POISSON -> poisson(spec, w, rnd);
            case TIMER -> timer(w, spec.every().millis(), spec.jitter().millis(), rnd);
            case UNDER_CAP -> timer(w, underCapInterval(spec, w), spec.jitter().millis(), rnd);
            case AZURE -> trace(TraceReaders.azure(Path.of(spec.path())), spec, w, rnd);
            case MOONCAKE -> trace(TraceReaders.mooncake(Path.of(spec.path())), spec, w, rnd);
            case CSV -> trace(TraceReaders.generic(Path.of(spec.path())), spec, w, rnd);
        };
        out.sort(Comparator.comparingLong(Arrival::atMs).thenComparingInt(Arrival::account));
        return out;
    }

    /** Relative rate at {@code t}: mean 1 over a day, {@code 1 ± diurnal} at peak and trough, times burst factor. */
    static double shape(ArrivalSpec spec, long t, long windowStart) {
        double hour = (Math.floorMod(t, DAY)) / (double) HOUR;
        double s = 1 + spec.diurnal() * Math.cos(2 * Math.PI * (hour - spec.peakHour()) / 24);
        BurstSpec b = spec.bursts();
        if (b != null && Math.floorMod(t - windowStart - b.every().millis() / 2, b.every().millis()) < b.length().millis()) {
            s *= b.factor();
        }
        return s;
    }

    private static List<Arrival> poisson(ArrivalSpec spec, ArrivalWindow w, SplittableRandom rnd) {
        List<Arrival> out = new ArrayList<>();
        double base = spec.ratePerDay() / DAY; // per ms
        double max = base * (1 + spec.diurnal()) * (spec.bursts() == null ? 1 : spec.bursts().factor());
        if (max <= 0) {
            return out;
        }
        for (int a = 0; a < w.accounts(); a++) {
            double t = w.startMs();
            while (true) {
                t += -Math.log(1 - rnd.nextDouble()) / max;
                if (t >= w.endMs()) {
                    break;
                }
                if (rnd.nextDouble() * max <= base * shape(spec, (long) t, w.startMs())) {
                    out.add(new Arrival((long) t, a, -1));
                }
            }
        }
        return out;
    }

    private static List<Arrival> timer(ArrivalWindow w, long every, long jitter, SplittableRandom rnd) {
        List<Arrival> out = new ArrayList<>();
        for (int a = 0; a < w.accounts(); a++) {
            long phase = rnd.nextLong(every); // accounts are not in lockstep
            for (long t = w.startMs() + phase; t < w.endMs(); t += every) {
                long at = t + (jitter > 0 ? rnd.nextLong(jitter + 1) : 0);
                if (at < w.endMs()) {
                    out.add(new Arrival(at, a, -1));
                }
            }
        }
        return out;
    }

    /** The request interval that keeps an account at {@code cap_fraction} of its tightest cap. */
    static long underCapInterval(ArrivalSpec spec, ArrivalWindow w) {
        if (w.tier() == null) {
            throw new IllegalArgumentException("under_cap arrivals need the population's tier");
        }
        double f = spec.capFraction();
        int out = w.plannedOutputTokens();
        double perDay = Math.min(f * w.tier().outputTokensPerDay() / out,
                Math.min(f * w.tier().requestsPerMinute() * 1440.0, f * w.tier().outputTokensPerMinute() * 1440.0 / out));
        return Math.max(1, (long) (DAY / Math.max(perDay, 1e-9)));
    }

    private static List<Arrival> trace(List<TraceRow> rows, ArrivalSpec spec, ArrivalWindow w, SplittableRandom rnd) {
        List<Arrival> out = new ArrayList<>();
        long last = rows.getLast().offsetMs();
        long period = Math.max(1, Math.round((last + Math.max(1, last / Math.max(1, rows.size() - 1)))
                * spec.timeScale()));
        int next = 0;
        for (long base = w.startMs(); base < w.endMs(); base += period) {
            for (TraceRow r : rows) {
                if (spec.sample() < 1 && rnd.nextDouble() >= spec.sample()) {
                    continue;
                }
                long at = base + Math.round(r.offsetMs() * spec.timeScale());
                if (at >= w.endMs()) {
                    break;
                }
                int account = switch (spec.assign()) {
                    case UNIFORM -> rnd.nextInt(w.accounts());
                    case ROUND_ROBIN -> next++ % w.accounts();
                    case SESSION -> r.session() == 0 ? rnd.nextInt(w.accounts())
                            : (int) Math.floorMod(mix(r.session() + base), (long) w.accounts());
                };
                out.add(new Arrival(at, account, Math.max(1, r.outputTokens())));
            }
        }
        return out;
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
