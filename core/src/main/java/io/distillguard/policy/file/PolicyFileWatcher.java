package io.distillguard.policy.file;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the running policy in step with a policy file: each {@link #poll()} re-reads the file and, when its content
 * changed, loads it and swaps it in atomically. An invalid file is refused with a message naming the rule and the
 * error, logged, and exposed by {@link #lastReloadError()}; the running policy stays. Polls on a daemon thread once
 * {@link #start(Duration)} is called, or whenever the caller calls {@link #poll()}; reload times come from the injected
 * clock. Serves as the {@link io.distillguard.policy.PolicyEngine}'s policy supplier.
 */
public final class PolicyFileWatcher implements Supplier<Policy>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyFileWatcher.class);

    private final Path file;
    private final PolicyLoader loader;
    private final Clock clock;
    private final AtomicReference<Policy> current;
    private final AtomicReference<ReloadError> lastError = new AtomicReference<>();
    private final List<Consumer<Policy>> listeners = new CopyOnWriteArrayList<>();
    private volatile String lastSeenSha;
    private ScheduledExecutorService poller;

    /**
     * Loads {@code file} now; if it is missing or invalid, {@code fallback} runs and the error is kept.
     */
    public PolicyFileWatcher(Path file, PolicyLoader loader, Policy fallback, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(Objects.requireNonNull(fallback, "fallback"));
        this.lastSeenSha = fallback.sha256();
        poll();
    }

    /** Listeners run on the polling thread after each successful swap (e.g. to audit the load). */
    public void onReload(Consumer<Policy> listener) {
        listeners.add(listener);
    }

    public Policy currentPolicy() {
        return current.get();
    }

    @Override
    public Policy get() {
        return current.get();
    }

    /** Why the last changed file was refused; empty once a later version loaded. */
    public Optional<ReloadError> lastReloadError() {
        return Optional.ofNullable(lastError.get());
    }

    /** Re-reads the file; returns true when a new policy was swapped in. */
    public synchronized boolean poll() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String sha = "unreadable:" + e.getClass().getSimpleName();
            if (!sha.equals(lastSeenSha)) {
                lastSeenSha = sha;
                refuse(sha, List.of("cannot read " + file + ": " + e.getMessage()));
            }
            return false;
        }
        String sha = PolicyLoader.sha256(text);
        if (sha.equals(lastSeenSha)) {
            return false;
        }
        lastSeenSha = sha;
        return switch (loader.load(text)) {
            case PolicyLoadResult.Loaded loaded -> {
                current.set(loaded.policy());
                lastError.set(null);
                LOG.info("policy {} loaded from {}: {} rules, sha256 {}", loaded.policy().version(), file,
                        loaded.policy().rules().size(), sha);
                listeners.forEach(l -> l.accept(loaded.policy()));
                yield true;
            }
            case PolicyLoadResult.Rejected rejected -> {
                refuse(sha, rejected.errors());
                yield false;
            }
        };
    }

    /** Polls every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "policy-file-watcher");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        poller.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.error("policy poll failed", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void refuse(String sha, List<String> errors) {
        ReloadError err = new ReloadError(clock.instant(), sha, errors);
        lastError.set(err);
        LOG.warn("policy file {} refused, keeping policy {}: {}", file, current.get().version(), err.message());
    }
}
