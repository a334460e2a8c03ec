package io.distillguard.limit;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncVerboseBucket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LimitBucket} over a Bucket4j asynchronous proxy of a remote bucket: every operation is one atomic
 * compare-and-swap in the store, and its future completes on the client's I/O thread (callers must not block there).
 */
final class RemoteLimitBucket implements LimitBucket {
    private final AsyncBucketProxy proxy;
    private final AsyncVerboseBucket verbose;
    private final List<LimitSpec> limits;

    RemoteLimitBucket(AsyncBucketProxy proxy, List<LimitSpec> limits) {
        this.proxy = proxy;
        this.verbose = proxy.asVerbose();
        this.limits = List.copyOf(limits);
    }

    @Override
    public List<LimitSpec> limits() {
        return limits;
    }

    @Override
    public CompletableFuture<Tokens> tryConsume(long amount) {
        return verbose.tryConsume(amount).thenApply(result -> Tokens.of(result.getValue(), result, limits));
    }

    @Override
    public CompletableFuture<Tokens> available() {
        return verbose.getAvailableTokens().thenApply(result -> Tokens.of(true, result, limits));
    }

    @Override
    public CompletableFuture<Void> addTokens(long amount) {
        return proxy.addTokens(amount);
    }

    @Override
    public CompletableFuture<Void> consumeIgnoringRateLimits(long amount) {
        return proxy.consumeIgnoringRateLimits(amount).thenApply(ignored -> null);
    }
}
