package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.UsageEvent;
import io.distillguard.registry.Tier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many parallel requests on one key never overspend its token budget: output tokens are reserved at admission
 * (max_tokens) and settled with the actual usage, so the race per-key counters have (check, then add) cannot happen.
 */
class TokenBudgetConcurrencyTest {
    @TempDir
    Path dataDir;

    @Test
    void parallelRequestsNeverExceedTheOutputTokenBudget() throws Exception {
        long budget = 3_000; // output tokens per day: refills by ~0.03 tokens/s, so nothing refills during the test
        try (GatewayFixture gw = GatewayFixture.start(dataDir)) {
            String key = gw.newKey(new Tier("budget", 100_000, 10_000_000, 10_000_000, budget, 4096));
            // HTTP/1.1: over h2c all 300 would share one connection, and the JDK client fails requests past the
            // server's concurrent-stream limit ("too many concurrent streams") instead of queueing them.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"model\":\"sim-small\",\"max_tokens\":100,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a paragraph about mountains.\"}]}";
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long ok = 0;
            long limited = 0;
            for (var c : calls) {
                int s = c.get().statusCode();
                ok += s == 200 ? 1 : 0;
                limited += s == 429 ? 1 : 0;
            }
            assertThat(ok + limited).isEqualTo(300);
            assertThat(ok).isPositive().isLessThanOrEqualTo(budget / 100 + 60); // refunds may admit a few more
            assertThat(limited).isPositive();
            gw.app.pipeline().close();
            gw.app.store().flush();
            List<UsageEvent> events = new ArrayList<>();
            gw.app.store().replay(Instant.EPOCH, Instant.now().plusSeconds(60), events::add);
            long used = events.stream().filter(UsageEvent::succeeded).mapToLong(UsageEvent::outputTokens).sum();
            assertThat(events).hasSize(300);
            assertThat(used).isLessThanOrEqualTo(budget + 1);
        }
    }
}
