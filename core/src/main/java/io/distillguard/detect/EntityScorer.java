package io.distillguard.detect;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.risk.EntityRiskState;
import io.distillguard.detect.risk.RiskModel;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.signal.EntityView;
import io.distillguard.detect.signal.Member;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.SignalScore;
import io.distillguard.detect.state.StateStore;
import io.distillguard.link.AccountLinker;
import io.distillguard.link.EntityTotals;
import io.distillguard.link.MembershipListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The per-entity half of detection: decides when an entity is due for scoring, builds what the signals see of it
 * (its members' traffic merged, from the {@link AccountStage}), combines the readings with the {@link RiskModel} and
 * sends risk updates and alerts. Split from {@link DetectionEngine} so that the embedded engine and a distributed job
 * keyed by entity run the same scoring code.
 */
public final class EntityScorer {
    private static final int MAX_ALERT_ACCOUNTS = 200;
    private static final int MAX_LINK_REASONS = 20;
    private static final int MAX_SAMPLES = 8;

    private final DetectionConfig config;
    private final AccountStage accounts;
    private final List<Signal> signals;
    private final Signal[] signalArray;
    /** The configured weight of each signal of {@link #signalArray}. */
    private final double[] weights;
    private final AlertSink sink;
    private final Clock clock;
    private final StateStore<String, EntityRiskState> entities;
    private final AccountLinker linker;
    private final RiskModel riskModel;
    private final PopulationBaselines baselines;
    private final PromptSamples samples;
    private final UnscoredEntities unscored = new UnscoredEntities();
    /** Scratch for one scoring's readings, in signal order (a scoring keeps none of them past its emission). */
    private final SignalScore[] readings;

    EntityScorer(DetectionConfig config, AccountStage accounts, List<Signal> signals, AlertSink sink, Clock clock,
                 StateStore<String, EntityRiskState> entities, AccountLinker linker, PopulationBaselines baselines,
                 PromptSamples samples) {
        this.config = Objects.requireNonNull(config);
        this.accounts = Objects.requireNonNull(accounts);
        this.signals = List.copyOf(signals);
        this.signalArray = this.signals.toArray(Signal[]::new);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
        this.entities = Objects.requireNonNull(entities);
        this.linker = Objects.requireNonNull(linker);
        this.baselines = Objects.requireNonNull(baselines);
        this.samples = Objects.requireNonNull(samples);
        this.riskModel = new RiskModel(config);
        this.readings = new SignalScore[signalArray.length];
        this.weights = new double[signalArray.length];
        for (int i = 0; i < signalArray.length; i++) {
            weights[i] = config.weight(signalArray[i]);
        }
        linker.setListener(new EntityMembership(this));
    }

    /** Counts one event of {@code account} for {@code entityId}; scores the entity when it is due. */
    void onEvent(AccountState account, String entityId, long timestampMs) {
        EntityRiskState state = riskState(account, entityId);
        state.eventsSinceScore++;
        if (state.lastScoredMs == Long.MIN_VALUE) {
            state.lastScoredMs = timestampMs;
        }
        if (state.eventsSinceScore >= config.scoreEveryEvents()
                || timestampMs - state.lastScoredMs >= config.scoreIntervalMs()) {
            score(entityId, state, timestampMs, account);
        } else {
            unscored.add(entityId, state);
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

    /**
     * Queues {@code entityId} for the next flush (after a merge or split), with a stored risk state, as every queued
     * entity has one (a new state is what the entity's next event or the flush would have created).
     */
    private void queue(String entityId) {
        EntityRiskState state = entities.get(entityId);
        if (state == null) {
            state = new EntityRiskState();
            entities.put(entityId, state);
        }
        unscored.add(entityId, state);
    }

    /** Scores every entity with events since its last scoring (end of a replay, or on a timer). */
    public void flush(long atMs) {
        for (String entityId : unscored.ids()) {
            EntityRiskState state = entities.get(entityId);
            if (state == null) {
                state = new EntityRiskState();
            }
            score(entityId, state, atMs, null);
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
        EntityView view = view(entityId, state.lastScoredMs, null);
        return view == null ? null : combine(view);
    }

    /** Scores {@code entityId}; {@code trigger} is the account whose event made it due (null on a flush). */
    private void score(String entityId, EntityRiskState state, long nowMs, AccountState trigger) {
        unscored.remove(state);
        state.eventsSinceScore = 0;
        state.lastScoredMs = nowMs;
        EntityView view = view(entityId, nowMs, trigger);
        if (view == null) {
            return;
        }
        SignalScore[] readings = this.readings;
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
     * What the signals see of {@code entityId} now (null when none of its accounts has traffic yet). When the entity
     * is {@code trigger}'s own (an unlinked account, most entities) its one member is at hand: no member lookups, and
     * the total is the account's own profile, as the general path gives for one member.
     */
    private EntityView view(String entityId, long nowMs, AccountState trigger) {
        if (trigger != null && trigger.links.isSoleMemberOf(entityId)) {
            AccountState account = accounts.refreshed(trigger);
            return new EntityView(entityId, nowMs, account.traffic, List.of(new Member(account.profile,
                    account.traffic)), baselines, config);
        }
        Set<String> ids = linker.members(entityId);
        List<Member> members = new ArrayList<>(Math.min(ids.size(), config.maxMembersScored()));
        for (String id : ids) {
            AccountState account = accounts.member(id);
            if (account != null) {
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
        private final EntityScorer engine;

        EntityMembership(EntityScorer engine) {
            this.engine = engine;
        }

        @Override
        public void merged(String survivor, String absorbed) {
            EntityRiskState gone = engine.entities.get(absorbed);
            if (gone != null) {
                engine.unscored.remove(gone);
                gone.dropped = true;
                engine.entities.remove(absorbed);
            }
            engine.queue(survivor);
        }

        @Override
        public void split(String entityId) {
            engine.queue(entityId);
        }
    }
}
