package io.distillguard.detect.signal;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.distillguard.event.UsageEvent;
import io.distillguard.semantic.BenignReference;
import io.distillguard.semantic.EmbeddingBuckets;
import io.distillguard.semantic.MmdEstimator;
import io.distillguard.semantic.MmdResult;
import io.distillguard.semantic.RandomProjection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether an entity's prompts are distributed like benign traffic: the sampled prompt embeddings of its accounts
 * (projected to 64 dims) are compared with a {@link BenignReference} by a permutation MMD test. Distillation traffic
 * built from one task family and template sits far from broad benign traffic. One person's few conversations are
 * narrower than broad traffic too, so a significant difference (p <= alpha) only scores from {@code onsetRatio} times
 * the null threshold up to {@code fullScoreRatio} times it, and the weight is that of a shape signal. Topic coverage
 * (distinct LSH buckets per embedded prompt) is reported alongside. Without a reference the signal keeps no state and
 * reports nothing.
 *
 * <p>State is kept per account (least recently updated evicted beyond {@code maxAccounts}) and merged per entity at
 * scoring, so it follows the linker's merges and splits. Thread-confined like the engine; deterministic on replay.
 */
public final class SemanticSignal implements Signal {

    private final BenignReference reference;
    private final SemanticConfig config;
    private final RandomProjection projection;
    private final EmbeddingBuckets buckets;
    private final MmdEstimator mmd;
    private final Map<String, SemanticProfile> accounts;
    private final Map<String, CachedResult> results;
    private long ignored;

    private record CachedResult(long sampleHash, MmdResult result) {
    }

    /** A signal comparing with {@code reference} (null: the signal is off and says so). */
    public SemanticSignal(BenignReference reference, SemanticConfig config) {
        this.reference = reference;
        this.config = config;
        this.projection = RandomProjection.defaults(config.projectionSeed());
        if (reference != null && reference.dims() != projection.outputDims()) {
            throw new IllegalArgumentException("reference has " + reference.dims() + " dims, projection gives "
                    + projection.outputDims());
        }
        this.buckets = new EmbeddingBuckets(projection.outputDims(), config.bucketBits(), config.bucketSeed());
        this.mmd = new MmdEstimator(config.permutations(), config.alpha(), config.permutationSeed());
        this.accounts = lruMap(config.maxAccounts());
        this.results = lruMap(config.cachedEntities());
    }

    @Override
    public String name() {
        return "semantic";
    }

    @Override
    public double defaultWeight() {
        return 0.3;
    }

    @Override
    public void observe(UsageEvent event, String entityId) {
        byte[] embedding = event.prompt().embedding();
        if (reference == null || embedding == null || event.accountId() == null) {
            return;
        }
        if (embedding.length != projection.inputDims()) {
            ignored++;
            return;
        }
        byte[] projected = projection.project(embedding);
        SemanticProfile profile = accounts.remove(event.accountId());
        if (profile == null) {
            profile = SemanticProfile.create(config.windowSize(), projection.outputDims(), config.coveragePrecision());
        }
        profile.update(event.requestId(), projected, buckets.bucketOf(projected));
        accounts.put(event.accountId(), profile);
    }

    @Override
    public SignalScore score(EntityView view) {
        if (reference == null) {
            return SignalScore.none(name(), "no benign reference configured; prompt distribution not compared");
        }
        SemanticProfile entity = entityProfile(view);
        int samples = entity == null ? 0 : entity.window().size();
        if (samples < config.minSamples()) {
            return SignalScore.none(name(), "%d embedded prompts; too few to compare with benign traffic (need %d)"
                    .formatted(samples, config.minSamples()));
        }
        MmdResult r = compare(view.entityId(), entity);
        boolean significant = r.pValue() <= config.alpha() && r.significant();
        double ratio = r.mmd2() / Math.max(r.threshold(), 1e-3);
        double score = significant ? Calibration.ramp(ratio, config.onsetRatio(), config.fullScoreRatio()) : 0;
        String verdict = score > 0 ? "differs from benign traffic"
                : significant ? "is narrower than benign traffic, within one user's focus" : "is like benign traffic";
        String text = String.format(Locale.ROOT, "prompt distribution %s: MMD^2 %.3f vs threshold %.3f (p=%.3f,"
                        + " %d sampled prompts), %.0f topic buckets per %d embedded prompts", verdict, r.mmd2(),
                r.threshold(), r.pValue(), r.windowSize(),
                Math.min(entity.coverage().distinctBuckets(), entity.coverage().updates()), entity.coverage().updates());
        return new SignalScore(name(), r.mmd2(), r.threshold(), score, text);
    }

    /** Number of accounts with semantic state (at most {@code maxAccounts}). */
    public int trackedAccounts() {
        return accounts.size();
    }

    /** The semantic state of {@code accountId}, or null (for measurements; do not modify). */
    public SemanticProfile profileOf(String accountId) {
        return accounts.get(accountId);
    }

    /** Embeddings ignored because their dimension is not the projection's input dimension. */
    public long ignoredEmbeddings() {
        return ignored;
    }

    /** The projection events' embeddings go through; a reference must be built with the same one. */
    public RandomProjection projection() {
        return projection;
    }

    private SemanticProfile entityProfile(EntityView view) {
        SemanticProfile merged = null;
        int found = 0;
        for (Member m : view.members()) {
            SemanticProfile p = accounts.get(m.profile().accountId());
            if (p == null) {
                continue;
            }
            if (found++ == 0) {
                merged = p;
                continue;
            }
            if (found == 2) {
                SemanticProfile first = merged;
                merged = SemanticProfile.create(config.windowSize(), projection.outputDims(), config.coveragePrecision());
                merged.merge(first);
            }
            merged.merge(p);
        }
        return merged;
    }

    private MmdResult compare(String entityId, SemanticProfile entity) {
        // The sample only (not how many were seen): most embeddings of a busy entity do not enter its sample.
        HashStream64 sample = Hashing.xxh3_64().hashStream();
        for (byte[] v : entity.window().vectors()) {
            sample.putBytes(v);
        }
        long sampleHash = sample.getAsLong();
        CachedResult cached = results.get(entityId);
        if (cached != null && cached.sampleHash() == sampleHash) {
            return cached.result();
        }
        MmdResult r = mmd.compare(entity.window(), reference);
        results.remove(entityId);
        results.put(entityId, new CachedResult(sampleHash, r));
        return r;
    }

    private static <V> Map<String, V> lruMap(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
