package io.distillguard.detect;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.account.AccountDirectory;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.risk.EntityRiskState;
import io.distillguard.detect.risk.RiskModel;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.signal.EntityView;
import io.distillguard.detect.signal.Member;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.SignalScore;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.detect.state.StateStore;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import io.distillguard.link.AccountLinker;
import io.distillguard.link.EntityResolver;
import io.distillguard.link.EntityTotals;
import io.distillguard.link.LinkedEntityResolver;
import io.distillguard.link.MembershipListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    private static final int MAX_ALERT_ACCOUNTS = 200;
    private static final int MAX_LINK_REASONS = 20;
    private static final int MAX_SAMPLES = 8;
    private static final int SAMPLED_FLAGS = ~ContentFlag.CODE.bit();

    private final DetectionConfig config;
    private final AccountDirectory directory;
    private final List<Signal> signals;
    private final Signal[] signalArray;
    /** The configured weight of each signal of {@link #signalArray}. */
    private final double[] weights;
    private final AlertSink sink;
    private final Clock clock;
    private final StateStore<String, AccountState> accounts;
    private final StateStore<String, EntityRiskState> entities;
    private final AccountLinker linker;
    private final RiskModel riskModel;
    private final PopulationBaselines baselines = new PopulationBaselines();
    private final PromptSamples samples = new PromptSamples(4096);
    private final Set<String> unscored = new LinkedHashSet<>();

    public DetectionEngine(DetectionConfig config, AccountDirectory directory, List<Signal> signals, AlertSink sink,
                           Clock clock, StateStore<String, AccountState> accounts,
                           StateStore<String, EntityRiskState> entities, AccountLinker linker) {
        this.config = Objects.requireNonNull(config);
        this.directory = Objects.requireNonNull(directory);
        this.signals = List.copyOf(signals);
        this.signalArray = this.signals.toArray(Signal[]::new);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.accounts = Objects.requireNonNull(accounts);
        this.entities = Objects.requireNonNull(entities);
        this.linker = Objects.requireNonNull(linker);
        this.riskModel = new RiskModel(config);
        this.weights = new double[signalArray.length];
        for (int i = 0; i < signalArray.length; i++) {
            weights[i] = config.weight(signalArray[i]);
        }
        linker.setListener(new EntityMembership(this));
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
        AccountState account = accounts.get(accountId);
        if (account == null) {
            AccountProfile profile = directory.profile(accountId);
            account = new AccountState(profile, linker.register(profile));
            accounts.put(accountId, account);
        }
        String entityId = linker.observe(e, account.links);
        baselines.record(e);
        TierLimits tier = account.profile.tier();
        long closedHour = account.traffic.update(e, tier, config.maxTokensCeiling());
        if (closedHour >= 0) {
            baselines.recordActiveHour(tier.name(), closedHour);
        }
        if (e.promptText() != null && (e.prompt().contentFlags() & SAMPLED_FLAGS) != 0) {
            samples.put(e.prompt().contentHash(), e.promptText());
        }
        for (Signal signal : signalArray) {
            signal.observe(e, entityId);
        }
        EntityRiskState state = riskState(account, entityId);
        state.eventsSinceScore++;
        if (state.lastScoredMs == Long.MIN_VALUE) {
            state.lastScoredMs = e.timestampMs();
        }
        if (state.eventsSinceScore >= config.scoreEveryEvents()
                || e.timestampMs() - state.lastScoredMs >= config.scoreIntervalMs()) {
            score(entityId, state, e.timestampMs(), accountId, account);
        } else if (!state.queued) {
            unscored.add(entityId);
            state.queued = true;
        }
    }

    /** The risk state of {@code entityId}, from the account's cache while it is still the stored one. */
    private EntityRiskState riskState(AccountState account, String entityId) {
        EntityRiskState state = account.risk;
        if (state == null || state.dropped || account.riskEntity != entityId) {
            state = entities.get(entityId);
            if (state == null) {
                state = new EntityRiskState();
                entities.put(entityId, state);
            }
            account.riskEntity = entityId;
            account.risk = state;
        }
        return state;
    }

    /** Scores every entity with events since its last scoring (end of a replay, or on a timer). */
    public void flush(long atMs) {
        for (String entityId : List.copyOf(unscored)) {
            EntityRiskState state = entities.get(entityId);
            if (state == null) {
                state = new EntityRiskState();
            }
            score(entityId, state, atMs, null, null);
            entities.put(entityId, state);
        }
    }

    /**
     * The risk of {@code entityId} with its per-signal breakdown, as of its last scoring, or null if it was never
     * scored. The breakdown is not stored per entity (it was sent to {@link AlertSink#onRiskScore} when the risk
     * moved); it is recomputed here from the entity's current state at the event time of that scoring, which gives
     * the stored score again unless the entity has had events since. Nothing is emitted.
     */
    public RiskScore riskOf(String entityId) {
        EntityRiskState state = entities.get(entityId);
        if (state == null || Double.isNaN(state.lastScore)) {
            return null;
        }
        EntityView view = view(entityId, state.lastScoredMs, null, null);
        return view == null ? null : combine(view);
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
        AccountState account = accounts.get(accountId);
        return account == null ? null : account.traffic;
    }

    /** Scores {@code entityId}; {@code account} (may be null) is the state of {@code accountId}, a known member. */
    private void score(String entityId, EntityRiskState state, long nowMs, String accountId, AccountState account) {
        unscored.remove(entityId);
        state.queued = false;
        state.eventsSinceScore = 0;
        state.lastScoredMs = nowMs;
        EntityView view = view(entityId, nowMs, accountId, account);
        if (view == null) {
            return;
        }
        SignalScore[] readings = new SignalScore[signalArray.length];
        for (int i = 0; i < signalArray.length; i++) {
            readings[i] = signalArray[i].score(view);
        }
        double score = RiskModel.risk(weights, readings);
        state.lastScore = score;
        boolean emit = Math.abs(score - state.lastEmittedScore) >= config.riskUpdateDelta();
        boolean alert = score >= config.alertThreshold() && !linker.isAllowlisted(entityId);
        if (!emit && !alert) {
            return; // the common case: no breakdown to build
        }
        RiskScore risk = RiskModel.combine(entityId, weights, readings, nowMs);
        if (emit) {
            state.lastEmittedScore = risk.score();
            sink.onRiskScore(risk);
        }
        if (alert) {
            maybeAlert(entityId, state, risk, view);
        }
    }

    /**
     * What the signals see of {@code entityId} now (null when none of its accounts has traffic yet). The state of
     * {@code knownId}, when given, is {@code known} (the account whose event triggered the scoring: no lookup).
     */
    private EntityView view(String entityId, long nowMs, String knownId, AccountState known) {
        List<Member> members = new ArrayList<>();
        for (String id : linker.members(entityId)) {
            AccountState account = known != null && id.equals(knownId) ? known : accounts.get(id);
            if (account != null) {
                account.profile = directory.profile(id);
                members.add(new Member(account.profile, account.traffic));
                if (members.size() >= config.maxMembersScored()) {
                    break;
                }
            }
        }
        if (members.isEmpty()) {
            return null;
        }
        TrafficProfile total = members.getFirst().traffic();
        if (members.size() > 1) {
            total = total.copy();
            for (int i = 1; i < members.size(); i++) {
                total.merge(members.get(i).traffic());
            }
        }
        return new EntityView(entityId, nowMs, total, members, baselines, config);
    }

    private RiskScore combine(EntityView view) {
        List<SignalScore> readings = new ArrayList<>(signalArray.length);
        for (Signal signal : signalArray) {
            readings.add(signal.score(view));
        }
        return riskModel.combine(view.entityId(), signals, readings, view.nowMs());
    }

    private void maybeAlert(String entityId, EntityRiskState state, RiskScore risk, EntityView view) {
        Set<String> memberIds = linker.members(entityId);
        boolean first = state.alertId == null;
        boolean grew = risk.score() >= state.alertScore + config.alertUpdateDelta()
                || memberIds.size() != state.alertAccounts;
        if (!first && !grew) {
            return;
        }
        long wallMs = clock.millis();
        if (first) {
            state.alertId = "alert_" + entityId + "_" + view.total().firstSeenMs();
            state.alertRaisedAtMs = wallMs;
        }
        state.alertRevision++;
        state.alertScore = risk.score();
        state.alertAccounts = memberIds.size();
        sink.onAlert(buildAlert(entityId, state, risk, view, memberIds, wallMs));
    }

    private Alert buildAlert(String entityId, EntityRiskState state, RiskScore risk, EntityView view,
                             Set<String> memberIds, long wallMs) {
        List<String> hashes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Member m : view.members()) {
            for (long hash : m.traffic().samplePromptHashes()) {
                if (hashes.size() < MAX_SAMPLES) {
                    hashes.add(Long.toHexString(hash));
                    String text = samples.get(hash);
                    if (text != null) {
                        texts.add(text);
                    }
                }
            }
        }
        EntityTotals totals = linker.totals(entityId);
        List<String> accountList = memberIds.stream().limit(MAX_ALERT_ACCOUNTS).toList();
        return new Alert(state.alertId, state.alertRevision, entityId, risk.score(), risk.top(0.01), accountList,
                memberIds.size(), linker.reasons(entityId, MAX_LINK_REASONS),
                Math.min(totals.firstSeenMs(), view.total().firstSeenMs()),
                Math.max(totals.lastSeenMs(), view.total().lastSeenMs()), totals.requests(), totals.inputTokens(),
                totals.outputTokens(), hashes, texts, state.alertRaisedAtMs, wallMs);
    }

    /**
     * Keeps the per-entity risk state in step with the linker's merges and splits. A static class with an explicit
     * field rather than an anonymous one: serializers that skip synthetic fields (Kryo, for Flink state) would restore
     * an anonymous listener without its captured engine and state store.
     */
    private static final class EntityMembership implements MembershipListener {
        private final DetectionEngine engine;

        EntityMembership(DetectionEngine engine) {
            this.engine = engine;
        }

        @Override
        public void merged(String survivor, String absorbed) {
            EntityRiskState gone = engine.entities.get(absorbed);
            if (gone != null) {
                gone.dropped = true;
                engine.entities.remove(absorbed);
            }
            engine.unscored.remove(absorbed);
            engine.unscored.add(survivor);
        }

        @Override
        public void split(String entityId) {
            engine.unscored.add(entityId);
        }
    }
}
