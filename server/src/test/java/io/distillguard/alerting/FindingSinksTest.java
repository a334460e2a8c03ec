package io.distillguard.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook sink delivers to a real loopback server, retrying failures; the file sink writes valid OCSF lines. */
class FindingSinksTest {
    @TempDir
    Path dir;
    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private static Finding finding(String uid) {
        return new Finding(uid, Instant.parse("2026-03-01T10:00:00Z"), Finding.Severity.HIGH,
                "DistillGuard require_verification on entity:ent_7", "Decision " + uid + " by verify-new-fleet",
                "verify-new-fleet", List.of(new Finding.Resource("entity", "ent_7"),
                        new Finding.Resource("account", "acct_1")), Map.of("entity.risk", 0.91, "signals.fleet", 0.8));
    }

    @Test
    void webhookRetriesUntilDeliveredAndKeepsOrder() throws Exception {
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        int port = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (calls.incrementAndGet() <= 2) { // the receiver is down for the first two attempts
                req.response().setStatusCode(503).end();
            } else {
                received.add(body.toJsonObject());
                req.response().setStatusCode(202).end();
            }
        })).listen(0, "127.0.0.1").await().actualPort();
        WebhookFindingSink sink = new WebhookFindingSink(vertx, "http://127.0.0.1:" + port + "/hooks/dg", 16, 5, 10);
        sink.publish(finding("dec_1"));
        sink.publish(finding("dec_2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.delivered() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        sink.close();
        assertThat(sink.delivered()).isEqualTo(2);
        assertThat(sink.failed()).isZero();
        assertThat(calls.get()).isEqualTo(4);
        assertThat(received).extracting(j -> j.getJsonObject("finding_info").getString("uid"))
                .containsExactly("dec_1", "dec_2");
        assertThat(received.get(0).getInteger("class_uid")).isEqualTo(2004);
    }

    @Test
    void webhookGivesUpOnAPermanentRefusalAndBoundsItsQueue() throws Exception {
        int port = vertx.createHttpServer().requestHandler(req -> req.response().setStatusCode(400).end())
                .listen(0, "127.0.0.1").await().actualPort();
        WebhookFindingSink sink = new WebhookFindingSink(vertx, "http://127.0.0.1:" + port + "/", 1, 5, 10);
        for (int i = 0; i < 50; i++) {
            sink.publish(finding("dec_" + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.failed() + sink.dropped() < 50 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        sink.close();
        assertThat(sink.delivered()).isZero();
        assertThat(sink.failed() + sink.dropped()).isEqualTo(50);
        assertThat(sink.dropped()).isPositive();
    }

    @Test
    void fileSinkWritesOcsfDetectionFindings() throws Exception {
        Path file = dir.resolve("findings").resolve("ocsf.jsonl");
        try (JsonLinesFindingSink sink = new JsonLinesFindingSink(file)) {
            sink.publish(finding("dec_a"));
            sink.publish(finding("dec_b"));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonObject f = new JsonObject(line);
            assertThat(f.getInteger("class_uid")).isEqualTo(2004);
            assertThat(f.getInteger("category_uid")).isEqualTo(2);
            assertThat(f.getInteger("type_uid")).isEqualTo(200401);
            assertThat(f.getInteger("severity_id")).isEqualTo(4);
            assertThat(f.getLong("time")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
            JsonObject info = f.getJsonObject("finding_info");
            assertThat(info.getString("uid")).startsWith("dec_");
            assertThat(info.getString("title")).contains("require_verification");
            assertThat(info.getString("desc")).contains("verify-new-fleet");
            assertThat(f.getJsonArray("resources").getJsonObject(0).getString("type")).isEqualTo("entity");
            assertThat(f.getJsonArray("evidences").getJsonObject(0).getJsonObject("data").getDouble("entity.risk"))
                    .isEqualTo(0.91);
            assertThat(f.getJsonObject("metadata").getJsonObject("product").getString("name")).isEqualTo("DistillGuard");
            assertThat(f.getJsonObject("metadata").getJsonObject("product").getString("vendor_name")).isNotBlank();
        }
    }
}
