package io.distillguard.monitor;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import io.distillguard.link.EntityResolver;
import io.distillguard.link.LinkedEntityResolver;
import io.distillguard.metering.DetectionFeed;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection engine embedded in the gateway: it owns the engine and the one thread that may touch it (fed by the
 * bounded {@link DetectionFeed}), scores pending entities on a timer, fans alerts and risk updates out to listeners
 * (alert log, policy engine, webhooks), and offers thread-safe reads: the entity resolver the gateway uses per
 * request, the latest risk per entity, recent alerts, and arbitrary queries run on the detection thread.
 */
public final class DetectionService implements UsageEventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);
    private static final int RECENT_ALERTS = 1_000;

    private final DetectionEngine engine;
    private final Clock clock;
    private final DetectionFeed feed;
    private final LinkedEntityResolver resolver;
    private final ConcurrentHashMap<String, RiskScore> risk = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Alert> latestAlertByEntity = new ConcurrentHashMap<>();
    private final ArrayDeque<Alert> recent = new ArrayDeque<>();
    private final List<Consumer<Alert>> alertListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<UsageEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<RiskScore, java.util.Set<String>>> riskListeners =
            new CopyOnWriteArrayList<>();
    private final long flushEveryMs;
    private long lastFlushMs;

    /**
     * @param engineFactory builds the engine with the sink this service gives it
     * @param queueCapacity events that may wait for the detectors before they are shed (and counted)
     * @param flushEveryMs  how often pending entities are scored even when their traffic is sparse
     */
    public DetectionService(Function<AlertSink, DetectionEngine> engineFactory, Clock clock, int queueCapacity,
            long flushEveryMs) {
        this.clock = clock;
        this.flushEveryMs = flushEveryMs;
        this.engine = engineFactory.apply(new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
                publish(alert);
            }

            @Override
            public void onRiskScore(RiskScore score) {
                risk.put(score.entityId(), score);
                if (!riskListeners.isEmpty()) {
                    // Called on the detection thread: membership is read consistently with the score.
                    java.util.Set<String> members = java.util.Set.copyOf(engineRef().linker().members(score.entityId()));
                    riskListeners.forEach(l -> safely(() -> l.accept(score, members)));
                }
            }
        });
        this.resolver = new LinkedEntityResolver(engine.linker());
        this.feed = new DetectionFeed(queueCapacity, this::process, this::tick);
    }

    /** Queues an event for the detectors; sheds (and counts) it when they are behind. Never blocks. */
    @Override
    public void accept(UsageEvent event) {
        feed.accept(event);
    }

    public void onAlert(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    /** Called on the detection thread with each event, before the detectors see it. */
    public void onEvent(Consumer<UsageEvent> listener) {
        eventListeners.add(listener);
    }

    /** Called on the detection thread with each risk update and the entity's accounts at that moment. */
    public void onRiskScore(java.util.function.BiConsumer<RiskScore, java.util.Set<String>> listener) {
        riskListeners.add(listener);
    }

    private DetectionEngine engineRef() {
        return engine;
    }

    /** Resolves accounts to entities as linking currently sees them; safe from any thread. */
    public EntityResolver resolver() {
        return resolver;
    }

    public LinkedEntityResolver linkedResolver() {
        return resolver;
    }

    /** The latest risk score of {@code entityId}, or null. */
    public RiskScore risk(String entityId) {
        return risk.get(entityId);
    }

    /** Entities by latest risk, highest first. */
    public List<RiskScore> topRisk(int n) {
        return risk.values().stream().sorted((a, b) -> Double.compare(b.score(), a.score())).limit(n).toList();
    }

    /** The most recent alert revisions, newest first. */
    public List<Alert> recentAlerts(int n) {
        synchronized (recent) {
            return recent.stream().limit(n).toList();
        }
    }

    public Map<String, Alert> latestAlerts() {
        return Map.copyOf(latestAlertByEntity);
    }

    /** Runs {@code query} on the detection thread (the engine is confined to it) and completes with its result. */
    public <T> CompletableFuture<T> query(Function<DetectionEngine, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        feed.submit(() -> {
            try {
                result.complete(query.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Puts a new account's signup attributes into the link graph now, on the detection thread, so that a fleet created
     * together is one entity (limits, decisions) before its first request rather than after it.
     */
    public void registerAccount(String accountId) {
        query(engine -> {
            engine.registerAccount(accountId);
            return null;
        }).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("account {} not registered with the linker: {}", accountId, e.toString());
            }
        });
    }

    /**
     * Runs {@code events} through the detectors in the given order on the detection thread (never shed), for a caller
     * that feeds detection itself (the evaluation harness); completes when all are processed.
     */
    public CompletableFuture<Integer> processInOrder(List<UsageEvent> events) {
        return query(engine -> {
            events.forEach(this::process);
            return events.size();
        });
    }

    /** Scores every pending entity at {@code nowMs} on the detection thread, as the timer does; completes after. */
    public CompletableFuture<Boolean> score(long nowMs) {
        return query(engine -> {
            lastFlushMs = nowMs;
            engine.flush(nowMs);
            pruneMergedEntities();
            return true;
        });
    }

    public DetectionFeed feed() {
        return feed;
    }

    /**
     * Resolves each account's client address to its ASN (when it changes) for the linker; set before events flow,
     * from {@code identity.asnDatabase}. The engine does the lookups, as it does in replays and the Flink job.
     */
    public void setAsnLookup(io.distillguard.link.AsnLookup lookup) {
        engine.setAsnLookup(lookup);
    }

    private void process(UsageEvent event) {
        eventListeners.forEach(l -> safely(() -> l.accept(event)));
        engine.onEvent(event);
    }

    private void tick() {
        long now = clock.millis();
        if (now - lastFlushMs >= flushEveryMs) {
            lastFlushMs = now;
            engine.flush(now);
            pruneMergedEntities();
        }
    }

    /** Forgets the latest risk of entities that linking merged into others (on the detection thread). */
    private void pruneMergedEntities() {
        risk.keySet().removeIf(id -> engine.linker().members(id).isEmpty());
    }

    private void publish(Alert alert) {
        latestAlertByEntity.put(alert.entityId(), alert);
        synchronized (recent) {
            recent.addFirst(alert);
            while (recent.size() > RECENT_ALERTS) {
                recent.removeLast();
            }
        }
        LOG.atWarn().addKeyValue("alert_id", alert.id()).addKeyValue("entity", alert.entityId())
                .addKeyValue("score", String.format("%.2f", alert.score()))
                .addKeyValue("accounts", alert.accountCount()).log("distillation alert");
        alertListeners.forEach(l -> safely(() -> l.accept(alert)));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("alert listener failed", e);
        }
    }

    /** Processes what is queued, scores every pending entity, and stops the detection thread. */
    @Override
    public void close() {
        feed.close();
        engine.flush(clock.millis());
        pruneMergedEntities();
    }
}
