package io.distillguard.metering;

import io.distillguard.event.PromptFeatures;
import io.distillguard.feature.PromptMessage;
import io.distillguard.semantic.BenignReferenceLoader;
import io.distillguard.semantic.EmbeddingSampler;
import io.distillguard.semantic.PromptEmbedder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering worker's embedding step: for the events the {@link EmbeddingSampler} picks (each account's first
 * events, then a hashed share of request ids, under a per-second budget) it embeds the prompt's canonical text
 * (clipped to {@link BenignReferenceLoader#MAX_CHARS}) and attaches the vector to the prompt features. The embedder is
 * created on first use, on the calling (worker) thread, so model loading never runs on an event loop or at start.
 * A failure leaves the features without an embedding and is counted; an embedder that cannot be created switches the
 * stage off. Thread-safe.
 */
public final class EmbeddingStage {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingStage.class);

    private final EmbeddingSampler sampler;
    private final Supplier<? extends PromptEmbedder> factory;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile PromptEmbedder embedder;
    private volatile boolean broken;

    public EmbeddingStage(EmbeddingSampler sampler, Supplier<? extends PromptEmbedder> embedder) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.factory = Objects.requireNonNull(embedder, "embedder");
    }

    /** {@code features} of request {@code requestId} by {@code accountId}, with an embedding when sampled. */
    public PromptFeatures apply(String accountId, String requestId, List<PromptMessage> messages,
                                PromptFeatures features) {
        if (broken || messages.isEmpty() || !sampler.decide(accountId, requestId).embed()) {
            skipped.incrementAndGet();
            return features;
        }
        try {
            byte[] vector = embedder().embed(BenignReferenceLoader.embeddedText(messages));
            embedded.incrementAndGet();
            return features.withEmbedding(vector);
        } catch (RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            LOG.warn("prompt embedding failed for {}: {}", requestId, e.toString());
            return features;
        }
    }

    /** Events that got an embedding. */
    public long embedded() {
        return embedded.get();
    }

    /** Events the sampler did not pick (or that came while the stage was off). */
    public long skipped() {
        return skipped.get();
    }

    /** Events whose embedding failed. */
    public long failures() {
        return failures.get();
    }

    private PromptEmbedder embedder() {
        PromptEmbedder e = embedder;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (embedder == null) {
                try {
                    embedder = Objects.requireNonNull(factory.get(), "embedder factory returned null");
                } catch (RuntimeException | LinkageError ex) {
                    broken = true;
                    LOG.error("prompt embedder could not be created; embeddings are off", ex);
                    throw ex;
                }
            }
            return embedder;
        }
    }
}
