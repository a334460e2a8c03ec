package io.distillguard.alerting;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each finding as OCSF Detection Finding JSON to a webhook, never on the request path: {@link #publish} only
 * offers to a bounded queue (a full queue drops the new finding and counts it); one delivery at a time runs on a
 * Vert.x context, retrying a failed one (connection error, timeout, 429 or 5xx) with exponential backoff up to
 * {@code maxAttempts}. Other 4xx answers are permanent failures. Deliveries keep their order. Every attempt carries
 * a fresh {@link WebhookSignature} header (HMAC-SHA256 over {@code t.body}, {@code t} = the attempt's time), so a
 * late retry still falls inside the receiver's replay window. Thread-safe.
 */
public final class WebhookFindingSink implements FindingSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookFindingSink.class);
    private static final long MAX_BACKOFF_MS = 60_000;
    private static final long TIMEOUT_MS = 10_000;

    private final Context context;
    private final HttpClient client;
    private final RequestOptions target;
    private final BlockingQueue<Finding> queue;
    private final int maxAttempts;
    private final long backoffMs;
    private final WebhookSignature signature;
    private final Clock clock;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean inFlight; // written on the context only
    private volatile boolean closed;

    public WebhookFindingSink(Vertx vertx, String url, WebhookSignature signature, Clock clock, int queueCapacity,
            int maxAttempts, long backoffMs) {
        URI uri = URI.create(url);
        boolean ssl = "https".equals(uri.getScheme());
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS));
        this.target = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80).setSsl(ssl)
                .setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setIdleTimeout(TIMEOUT_MS)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "DistillGuard-webhook");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
        this.signature = signature;
        this.clock = clock;
    }

    @Override
    public void publish(Finding finding) {
        if (closed || !queue.offer(finding)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("webhook queue full or closed: finding {} dropped ({} so far)", finding.uid(), n);
            }
            return;
        }
        context.runOnContext(v -> pump());
    }

    private void pump() {
        if (inFlight) {
            return;
        }
        inFlight = true; // before poll, so close() never sees an empty queue and no delivery in between
        Finding next = queue.poll();
        if (next == null) {
            inFlight = false;
            return;
        }
        attempt(next, Buffer.buffer(OcsfDetectionFinding.toJson(next).encode()), 1);
    }

    private void attempt(Finding f, Buffer body, int attempt) {
        String signed = signature.sign(clock.millis() / 1000, body.getBytes());
        client.request(target).compose(req -> req.putHeader(WebhookSignature.HEADER, signed).send(body))
                .onComplete(ar -> settle(f, body, attempt, ar.succeeded() ? ar.result() : null, ar.cause()));
    }

    private void settle(Finding f, Buffer body, int attempt, HttpClientResponse response, Throwable cause) {
        int status = response != null ? response.statusCode() : -1;
        if (response != null) {
            response.body(); // drain so the connection is reused
        }
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
            next();
        } else if ((status < 0 || status == 429 || status >= 500) && attempt < maxAttempts && !closed) {
            long delay = Math.min(MAX_BACKOFF_MS, backoffMs << Math.min(20, attempt - 1));
            context.owner().setTimer(delay, t -> attempt(f, body, attempt + 1));
        } else {
            failed.incrementAndGet();
            LOG.warn("webhook delivery of finding {} failed after {} attempt(s): {}", f.uid(), attempt,
                    response != null ? "HTTP " + status : String.valueOf(cause));
            next();
        }
    }

    private void next() {
        inFlight = false;
        pump();
    }

    public long delivered() {
        return delivered.get();
    }

    /** Findings given up after their last attempt or refused by the receiver. */
    public long failed() {
        return failed.get();
    }

    /** Findings dropped because the queue was full (or the sink closed). */
    public long dropped() {
        return dropped.get();
    }

    public int backlog() {
        return queue.size();
    }

    /** Waits up to {@code timeout} for the queue to drain (no retry is awaited beyond it), then stops. */
    public void close(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while ((!queue.isEmpty() || inFlight) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        dropped.addAndGet(queue.size());
        queue.clear();
        client.close();
    }

    @Override
    public void close() {
        close(2, TimeUnit.SECONDS);
    }
}
