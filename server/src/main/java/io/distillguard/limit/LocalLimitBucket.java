package io.distillguard.limit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.VerboseBucket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link LimitBucket} over a Bucket4j local (lock-free, in-process) bucket: every operation completes at once. */
final class LocalLimitBucket implements LimitBucket {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Bucket bucket;
    private final VerboseBucket verbose;
    private final List<LimitSpec> limits;

    LocalLimitBucket(Bucket bucket, List<LimitSpec> limits) {
        this.bucket = bucket;
        this.verbose = bucket.asVerbose();
        this.limits = List.copyOf(limits);
    }

    @Override
    public List<LimitSpec> limits() {
        return limits;
    }

    @Override
    public CompletableFuture<Tokens> tryConsume(long amount) {
        var result = verbose.tryConsume(amount);
        return CompletableFuture.completedFuture(Tokens.of(result.getValue(), result, limits));
    }

    @Override
    public CompletableFuture<Tokens> available() {
        return CompletableFuture.completedFuture(Tokens.of(true, verbose.getAvailableTokens(), limits));
    }

    @Override
    public CompletableFuture<Void> addTokens(long amount) {
        bucket.addTokens(amount);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> consumeIgnoringRateLimits(long amount) {
        bucket.consumeIgnoringRateLimits(amount);
        return DONE;
    }

    /** The Bucket4j bucket, for reconfiguration and eviction. */
    Bucket bucket() {
        return bucket;
    }
}
