package io.distillguard.detect;

import io.distillguard.alert.AlertSink;
import io.distillguard.detect.account.AccountDirectory;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.risk.EntityRiskState;
import io.distillguard.detect.risk.RiskModel;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.detect.state.StateStore;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import io.distillguard.link.AccountLinker;
import io.distillguard.link.AsnLookup;
import io.distillguard.link.EntityResolver;
import io.distillguard.link.LinkedEntityResolver;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The detection engine of one partition: takes usage events in event-time order, keeps bounded traffic profiles per
 * account, links accounts into entities, scores entities with the registered signals, combines the readings into a
 * risk (see {@link RiskModel}) and sends risk updates and per-entity alerts to an {@link AlertSink}.
 *
 * <p>Thread-confined: one instance per partition, {@link #onEvent} called from one thread. Only the linker's
 * {@link #resolver()} may be read from other threads. Entities are scored after {@code scoreEveryEvents} of their
 * events or {@code scoreIntervalMs} of event time, not on every event. The clock stamps alerts in wall time;
 * everything else runs on event time, so a replay gives the same scores.
 */
public final class DetectionEngine implements UsageEventSink {
    private static final int SAMPLED_FLAGS = ~ContentFlag.CODE.bit();

    private final Signal[] signalArray;
    private final AccountLinker linker;
    private final PopulationBaselines baselines = new PopulationBaselines();
    private final PromptSamples samples = new PromptSamples(4096);
    private final AccountStage accountStage;
    private final EntityScorer scorer;
    /** The operator's ASN database (wiring, not state: skipped by snapshots and set again after a restore). */
    private transient volatile AsnLookup asns = AsnLookup.NONE;

    public DetectionEngine(DetectionConfig config, AccountDirectory directory, List<Signal> signals, AlertSink sink,
                           Clock clock, StateStore<String, AccountState> accounts,
                           StateStore<String, EntityRiskState> entities, AccountLinker linker) {
        Objects.requireNonNull(config);
        this.linker = Objects.requireNonNull(linker);
        this.accountStage = new AccountStage(config, directory, accounts);
        this.scorer = new EntityScorer(config, accountStage, signals, sink, clock, entities, linker, baselines,
                samples);
        this.signalArray = signals.toArray(Signal[]::new);
    }

    /** An engine with in-memory state, the default signals and a linker with the configured settings. */
    public static DetectionEngine inMemory(DetectionConfig config, AccountDirectory directory, AlertSink sink,
                                           Clock clock) {
        return new DetectionEngine(config, directory, Signals.defaults(), sink, clock, new InMemoryStateStore<>(),
                new InMemoryStateStore<>(), new AccountLinker(config.link()));
    }

    @Override
    public void accept(UsageEvent event) {
        onEvent(event);
    }

    /** Takes one event (events of a partition arrive in event-time order). One state lookup per event. */
    public void onEvent(UsageEvent e) {
        String accountId = e.accountId();
        if (accountId == null) {
            return;
        }
        AccountState account = accountStage.account(accountId, linker);
        AsnLookup lookup = asns;
        String entityId = linker.observe(e, account.links, lookup == null ? AsnLookup.NONE : lookup);
        baselines.record(e);
        long closedHour = accountStage.update(account, e);
        if (closedHour >= 0) {
            baselines.recordActiveHour(account.profile.tier().name(), closedHour);
        }
        if (e.promptText() != null && (e.prompt().contentFlags() & SAMPLED_FLAGS) != 0) {
            samples.put(e.prompt().contentHash(), e.promptText());
        }
        for (Signal signal : signalArray) {
            signal.observe(e, entityId);
        }
        scorer.onEvent(account, entityId, e.timestampMs());
    }

    /**
     * Resolves client addresses to ASNs with {@code lookup} (from {@code identity.asnDatabase}) so that the linker
     * weighs shared network operators; {@link AsnLookup#NONE} (the default) turns it off. Any thread; takes effect
     * from the next event.
     */
    public void setAsnLookup(AsnLookup lookup) {
        this.asns = Objects.requireNonNull(lookup);
    }

    /**
     * Registers a new account's signup attributes (card, verified ID, e-mail domain, signup burst) with the linker
     * before it sends anything, so that a fleet created together links at signup. Its traffic state is created with
     * its first event, as for any account; registering again is a no-op.
     */
    public void registerAccount(String accountId) {
        accountStage.registerLinks(accountId, linker);
    }

    /** Scores every entity with events since its last scoring (end of a replay, or on a timer). */
    public void flush(long atMs) {
        scorer.flush(atMs);
    }

    /**
     * The risk of {@code entityId} with its per-signal breakdown, as of its last scoring, or null if it was never
     * scored. The breakdown is not stored per entity (it was sent to {@link AlertSink#onRiskScore} when the risk
     * moved); it is recomputed here from the entity's current state at the event time of that scoring, which gives
     * the stored score again unless the entity has had events since. Nothing is emitted.
     */
    public RiskScore riskOf(String entityId) {
        return scorer.riskOf(entityId);
    }

    public AccountLinker linker() {
        return linker;
    }

    /** The entity resolver for the gateway (thread-safe). */
    public EntityResolver resolver() {
        return new LinkedEntityResolver(linker);
    }

    public PopulationBaselines baselines() {
        return baselines;
    }

    /** The traffic profile of {@code accountId}, or null. */
    public TrafficProfile profileOf(String accountId) {
        AccountState account = accountStage.get(accountId);
        return account == null ? null : account.traffic;
    }
}
