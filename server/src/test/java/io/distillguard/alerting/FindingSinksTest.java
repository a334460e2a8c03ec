package io.distillguard.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * The webhook sink delivers signed findings to a real loopback receiver that verifies the signature, retrying failures;
 * a tampered, replayed or foreign-keyed body is refused; the file sink writes valid OCSF lines.
 */
class FindingSinksTest {
    private static final String SECRET = "whsec-3f9a1c7e5b2d4f60";
    private static final WebhookSignature RECEIVER = new WebhookSignature(SECRET);

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

    private WebhookFindingSink sink(int port, String secret, int queue) {
        return new WebhookFindingSink(vertx, "http://127.0.0.1:" + port + "/hooks/dg", new WebhookSignature(secret),
                Clock.systemUTC(), queue, 5, 10);
    }

    /** What a receiver does: verify the raw body against the header at its own clock before parsing anything. */
    private static WebhookSignature.Verification verify(String header, Buffer body) {
        return RECEIVER.verify(header, body.getBytes(), Instant.now().getEpochSecond(),
                WebhookSignature.DEFAULT_TOLERANCE_S);
    }

    @Test
    void webhookRetriesUntilDeliveredAndKeepsOrder() throws Exception {
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        int port = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (calls.incrementAndGet() <= 2) { // the receiver is down for the first two attempts
                req.response().setStatusCode(503).end();
            } else if (verify(req.getHeader(WebhookSignature.HEADER), body) != WebhookSignature.Verification.VALID) {
                req.response().setStatusCode(401).end();
            } else {
                received.add(body.toJsonObject());
                req.response().setStatusCode(202).end();
            }
        })).listen(0, "127.0.0.1").await().actualPort();
        WebhookFindingSink sink = sink(port, SECRET, 16);
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
        WebhookFindingSink sink = sink(port, SECRET, 1);
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
    void receiverRefusesTamperedReplayedAndForeignSignedBodies() throws Exception {
        List<String> headers = new CopyOnWriteArrayList<>();
        List<Buffer> bodies = new CopyOnWriteArrayList<>();
        List<WebhookSignature.Verification> verdicts = new CopyOnWriteArrayList<>();
        int port = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String header = req.getHeader(WebhookSignature.HEADER);
            WebhookSignature.Verification v = verify(header, body);
            verdicts.add(v);
            headers.add(header);
            bodies.add(body);
            req.response().setStatusCode(v == WebhookSignature.Verification.VALID ? 202 : 401).end();
        })).listen(0, "127.0.0.1").await().actualPort();

        WebhookFindingSink genuine = sink(port, SECRET, 4);
        genuine.publish(finding("dec_genuine"));
        WebhookFindingSink forger = sink(port, "another-secret-entirely", 4);
        forger.publish(finding("dec_forged"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (genuine.delivered() + forger.failed() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        genuine.close();
        forger.close();
        assertThat(genuine.delivered()).isEqualTo(1);
        assertThat(forger.delivered()).isZero();
        assertThat(forger.failed()).isEqualTo(1); // 401 is permanent: no retry
        assertThat(verdicts).containsExactlyInAnyOrder(WebhookSignature.Verification.VALID,
                WebhookSignature.Verification.BAD_SIGNATURE);

        int genuineAt = verdicts.indexOf(WebhookSignature.Verification.VALID);
        String header = headers.get(genuineAt);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        Buffer body = bodies.get(genuineAt);
        JsonObject json = body.toJsonObject();
        json.getJsonObject("finding_info").put("desc", "nothing to see here");
        Buffer tampered = Buffer.buffer(json.encode());
        // a man in the middle posts the edited body with the genuine header, over real HTTP
        HttpClient client = vertx.createHttpClient();
        int tamperedStatus = client.request(HttpMethod.POST, port, "127.0.0.1", "/hooks/dg")
                .compose(req -> req.putHeader(WebhookSignature.HEADER, header).send(tampered))
                .map(HttpClientResponse::statusCode).await();
        int replayedStatus = client.request(HttpMethod.POST, port, "127.0.0.1", "/hooks/dg")
                .compose(req -> req.putHeader(WebhookSignature.HEADER, header).send(body))
                .map(HttpClientResponse::statusCode).await();
        client.close().await();
        assertThat(tamperedStatus).isEqualTo(401);
        assertThat(verdicts.get(2)).isEqualTo(WebhookSignature.Verification.BAD_SIGNATURE);
        assertThat(replayedStatus).isEqualTo(202); // within the window the receiver dedupes on finding_info.uid

        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(RECEIVER.verify(header, body.getBytes(), t + 301, 300))
                .isEqualTo(WebhookSignature.Verification.OUTSIDE_WINDOW);
        assertThat(RECEIVER.verify(header, body.getBytes(), t + 299, 300))
                .isEqualTo(WebhookSignature.Verification.VALID);
        assertThat(RECEIVER.verify(null, body.getBytes(), t, 300)).isEqualTo(WebhookSignature.Verification.MISSING);
        assertThat(RECEIVER.verify("t=abc,v1=00", body.getBytes(), t, 300))
                .isEqualTo(WebhookSignature.Verification.MALFORMED);
        assertThat(RECEIVER.verify(header.replace("t=" + t, "t=" + (t + 1)), body.getBytes(), t, 300))
                .isEqualTo(WebhookSignature.Verification.BAD_SIGNATURE); // the timestamp is signed too
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
