package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.RedisLimitsConfig;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.event.UsageEvent;
import io.distillguard.limit.FailMode;
import io.distillguard.limit.RedisServer;
import io.distillguard.limit.ScopeKind;
import io.distillguard.registry.BearerToken;
import io.distillguard.registry.IssuedKey;
import io.distillguard.registry.KeyHash;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Tier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway replicas (two DistillGuard processes, each with its own data directory, the same accounts and keys)
 * share their limits in one real redis-server. Requests of four accounts that one entity controls, spread over both
 * replicas at once, never use more than the entity's budget in total; with Redis killed, the entity's limits fail
 * closed with OpenAI's 429 body, and the replicas use Redis again by themselves once it is back.
 */
class RedisReplicasTest {
    private static final long BUDGET = 3_000; // entity output tokens per day; refill during the test is < 1 token
    private static final Tier TIER = new Tier("fleet", 100_000, 10_000_000, 10_000_000, BUDGET, 4096);
    private static final String BODY = "{\"model\":\"sim-small\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a paragraph about mountains.\"}]}";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void twoReplicasNeverLetOneEntityExceedItsBudget() throws Exception {
        try (RedisServer redis = RedisServer.start();
             GatewayFixture a = replica(dirA, redis);
             GatewayFixture b = replica(dirB, redis)) {
            List<String> keys = sameAccountsOnBoth(a, b, 4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // see TokenBudget..
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                GatewayFixture replica = i % 2 == 0 ? a : b;
                calls.add(send(http, replica, keys.get(i / 2 % keys.size())));
            }
            int[] okPerReplica = new int[2];
            int limited = 0;
            for (int i = 0; i < calls.size(); i++) {
                int status = calls.get(i).get().statusCode();
                okPerReplica[i % 2] += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertThat(okPerReplica[0] + okPerReplica[1] + limited).isEqualTo(120);
            assertThat(okPerReplica[0] + okPerReplica[1]).isPositive().isLessThanOrEqualTo((int) (BUDGET / 100) + 60);
            long loadEnd = System.currentTimeMillis();
            // Which replica wins the race for the budget depends on scheduling; that they share it does not: once
            // replica A refuses on the entity's daily output tokens, replica B refuses too.
            HttpResponse<String> refusedByA = null;
            for (int i = 0; i < 40 && (refusedByA == null || refusedByA.statusCode() != 429); i++) {
                refusedByA = send(http, a, keys.get(2)).get();
            }
            assertThat(refusedByA.statusCode()).isEqualTo(429);
            assertThat(refusedByA.body()).contains("output tokens per day");
            HttpResponse<String> refusedByB = send(http, b, keys.get(3)).get();
            assertThat(refusedByB.statusCode()).as("replica B sees the budget replica A used up").isEqualTo(429);
            assertThat(refusedByB.body()).contains("output tokens per day");

            redis.stop();
            HttpResponse<String> closed = send(http, a, keys.get(0)).get();
            assertThat(closed.statusCode()).isEqualTo(429);
            assertThat(closed.body()).contains("rate_limit_exceeded").contains("cannot be checked right now");
            assertThat(closed.headers().firstValue("retry-after-ms")).isPresent();

            redis.restart(); // empty again: the entity's bucket starts full
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
                Thread.sleep(100);
                status = send(http, b, keys.get(1)).get().statusCode();
            }
            assertThat(status).as("replica B uses Redis again by itself").isEqualTo(200);

            long used = succeededOutputTokens(a, loadEnd) + succeededOutputTokens(b, loadEnd);
            assertThat(used).as("output tokens used by the entity on both replicas under load").isPositive()
                    .isLessThanOrEqualTo(BUDGET + 1);
        }
    }

    private static GatewayFixture replica(Path dir, RedisServer redis) throws Exception {
        RedisLimitsConfig shared = RedisLimitsConfig.defaults().withUri(redis.uri()).withTimeouts(5_000, 5_000, 200)
                .withFailModes(FailMode.FAIL_OPEN, Map.of(ScopeKind.ENTITY, FailMode.FAIL_CLOSED));
        DistillGuardApp.Options oneEntity = new DistillGuardApp.Options(Clock.systemUTC(), account -> "ent_fleet",
                List.of());
        return GatewayFixture.start(dir, SimulatorConfig.instant(), c -> c.withLimits(c.limits().inRedis(shared)),
                oneEntity);
    }

    /** {@code n} accounts, each in its own organisation, with one key each, registered alike on both replicas. */
    private static List<String> sameAccountsOnBoth(GatewayFixture a, GatewayFixture b, int n) {
        List<String> tokens = new ArrayList<>();
        for (var gw : List.of(a, b)) {
            gw.app.registry().putTier(TIER).orElseThrow();
        }
        for (int i = 0; i < n; i++) {
            String org = "org_fleet" + i;
            String account = "acct_fleet" + i;
            for (var gw : List.of(a, b)) {
                gw.app.registry().createOrg(org, "fleet " + i).orElseThrow();
                gw.app.registry().createAccount(new NewAccount(account, org, TIER.name(), "example.com", null, null,
                        "web", false)).orElseThrow();
            }
            IssuedKey issued = a.app.registry().createKey("key_fleet" + i, account, "fleet").orElseThrow();
            String secret = BearerToken.parse(issued.secret()).orElseThrow().secret();
            b.app.registry().putKey(issued.key(), KeyHash.of(secret)).orElseThrow();
            tokens.add(issued.secret());
        }
        return tokens;
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient http, GatewayFixture gw, String key) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long succeededOutputTokens(GatewayFixture gw, long beforeMs) {
        gw.app.pipeline().close();
        gw.app.store().flush();
        List<UsageEvent> events = new ArrayList<>();
        gw.app.store().replay(Instant.EPOCH, Instant.now().plusSeconds(60), events::add);
        return events.stream().filter(e -> e.succeeded() && e.timestampMs() <= beforeMs)
                .mapToLong(UsageEvent::outputTokens).sum();
    }
}
