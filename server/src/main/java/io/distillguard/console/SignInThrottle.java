package io.distillguard.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers failed sign-ins per client address and says how long to delay the next refusal: the delay doubles with
 * each failure in the window, so guessing the admin credential online is slow. Bounded (the least recently failing
 * addresses are forgotten first); thread-safe.
 */
final class SignInThrottle {
    private static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, long lastMs) {}

    private final ConsoleConfig config;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    SignInThrottle(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Records a failure from {@code address} and returns the delay in ms before answering it. */
    synchronized long failed(String address) {
        long now = clock.millis();
        Failures f = failures.get(address);
        int count = f == null || now - f.lastMs() > config.failureWindow().toMillis() ? 1 : f.count() + 1;
        failures.put(address, new Failures(count, now));
        long delay = config.failureDelay().toMillis() << Math.min(count - 1, 20);
        return Math.min(delay, config.maxFailureDelay().toMillis());
    }

    /** Failures from {@code address} within the window. */
    synchronized int failures(String address) {
        Failures f = failures.get(address);
        return f == null || clock.millis() - f.lastMs() > config.failureWindow().toMillis() ? 0 : f.count();
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }
}
