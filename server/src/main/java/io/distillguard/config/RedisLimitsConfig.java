package io.distillguard.config;

import io.distillguard.limit.FailMode;
import io.distillguard.limit.ScopeKind;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where replicas share their limits when {@code limits.store} is {@code redis}, how long a Redis call may take, and what
 * each scope's limits do while Redis cannot be reached.
 *
 * @param uri              Lettuce URI, e.g. {@code redis://127.0.0.1:6379/0} or {@code rediss://:password@host:6380}
 * @param keyPrefix        prefix of every bucket key, so several deployments can share one Redis
 * @param connectTimeoutMs TCP connect timeout
 * @param commandTimeoutMs longest wait for one Redis command; past it the call counts as a Redis failure
 * @param retryIntervalMs  after a failure, Redis is not asked again for this long (requests follow the fail mode at
 *                         once instead of each waiting for a timeout); then the next request tries again
 * @param failMode         fail mode of every scope not named in {@code failModes}
 * @param failModes        fail mode per scope (KEY, ACCOUNT, ORG, ENTITY); a request fails closed if any of its scopes does
 */
public record RedisLimitsConfig(String uri, String keyPrefix, int connectTimeoutMs, int commandTimeoutMs,
                                int retryIntervalMs, FailMode failMode, Map<ScopeKind, FailMode> failModes) {

    public RedisLimitsConfig {
        uri = uri == null ? "redis://127.0.0.1:6379" : uri;
        URI parsed = URI.create(uri);
        if (parsed.getScheme() == null || !(parsed.getScheme().equals("redis") || parsed.getScheme().equals("rediss"))) {
            throw new IllegalArgumentException("limits.redis.uri must be a redis:// or rediss:// URI, got " + uri);
        }
        keyPrefix = keyPrefix == null ? "dg:limit:" : keyPrefix;
        connectTimeoutMs = connectTimeoutMs == 0 ? 500 : connectTimeoutMs;
        commandTimeoutMs = commandTimeoutMs == 0 ? 250 : commandTimeoutMs;
        retryIntervalMs = retryIntervalMs == 0 ? 1_000 : retryIntervalMs;
        failMode = failMode == null ? FailMode.FAIL_OPEN : failMode;
        failModes = failModes == null ? Map.of() : Map.copyOf(failModes);
        Check.range("limits.redis.connectTimeoutMs", connectTimeoutMs, 1, 60_000);
        Check.range("limits.redis.commandTimeoutMs", commandTimeoutMs, 1, 60_000);
        Check.range("limits.redis.retryIntervalMs", retryIntervalMs, 1, 600_000);
    }

    public static RedisLimitsConfig defaults() {
        return new RedisLimitsConfig(null, null, 0, 0, 0, null, null);
    }

    /** The fail mode of every scope kind, {@link #failMode()} where not overridden. */
    public Map<ScopeKind, FailMode> effectiveFailModes() {
        Map<ScopeKind, FailMode> modes = new EnumMap<>(ScopeKind.class);
        for (ScopeKind kind : ScopeKind.values()) {
            modes.put(kind, failModes.getOrDefault(kind, failMode));
        }
        return modes;
    }

    public RedisLimitsConfig withUri(String newUri) {
        return new RedisLimitsConfig(newUri, keyPrefix, connectTimeoutMs, commandTimeoutMs, retryIntervalMs, failMode,
                failModes);
    }

    public RedisLimitsConfig withKeyPrefix(String prefix) {
        return new RedisLimitsConfig(uri, prefix, connectTimeoutMs, commandTimeoutMs, retryIntervalMs, failMode,
                failModes);
    }

    public RedisLimitsConfig withTimeouts(int connectMs, int commandMs, int retryMs) {
        return new RedisLimitsConfig(uri, keyPrefix, connectMs, commandMs, retryMs, failMode, failModes);
    }

    public RedisLimitsConfig withFailModes(FailMode fallback, Map<ScopeKind, FailMode> perScope) {
        return new RedisLimitsConfig(uri, keyPrefix, connectTimeoutMs, commandTimeoutMs, retryIntervalMs, fallback,
                perScope);
    }
}
