package io.distillguard.gateway;

import io.distillguard.event.Endpoint;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the public API port: routes {@code /v1/*} paths to endpoints (404/405 otherwise), reads the body
 * within the size limit (413), parses JSON (400), then hands the request to a {@link ProxyCall} that walks the filter
 * chain and forwards it. Runs on the event loop and never blocks.
 */
public final class GatewayHandler implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final FilterChain chain;
    private final UpstreamClient upstream;
    private final ClientAddressResolver addresses;
    private final String fingerprintHeader;
    private final int maxBodyBytes;
    private final Clock clock;

    public GatewayHandler(FilterChain chain, UpstreamClient upstream, ClientAddressResolver addresses,
            String fingerprintHeader, int maxBodyBytes, Clock clock) {
        this.chain = chain;
        this.upstream = upstream;
        this.addresses = addresses;
        this.fingerprintHeader = fingerprintHeader;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        Endpoint endpoint = route(path);
        if (endpoint == null) {
            Responses.standalone(req, ApiError.NOT_FOUND.withMessage(
                    "Invalid URL (" + req.method() + " " + path + ")"));
            return;
        }
        HttpMethod expected = endpoint == Endpoint.MODELS ? HttpMethod.GET : HttpMethod.POST;
        if (!req.method().equals(expected)) {
            Responses.standalone(req, ApiError.METHOD_NOT_ALLOWED.withMessage(
                    "Invalid method for URL (" + req.method() + " " + path + "): use " + expected));
            return;
        }
        RequestTimeClock.Stamp stamp = clock instanceof RequestTimeClock rtc ? rtc.bind(req) : null;
        String requestId = stamp == null || stamp.seq() < 0 ? newRequestId() : "sim_" + stamp.seq();
        Exchange exchange = new Exchange(requestId, clock.millis(), System.nanoTime(), endpoint,
                addresses.resolve(req), fingerprintHeader == null ? null : req.getHeader(fingerprintHeader),
                req.getHeader(HttpHeaders.USER_AGENT), req.getHeader(HttpHeaders.AUTHORIZATION));
        ProxyCall call = new ProxyCall(req, exchange, chain, upstream);
        if (expected == HttpMethod.GET) {
            call.start(null);
            return;
        }
        String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLong(declared) > maxBodyBytes) {
            call.rejectEarly(tooLarge());
            return;
        }
        readBody(req, call);
    }

    private void readBody(HttpServerRequest req, ProxyCall call) {
        BodyReader reader = new BodyReader(call);
        req.handler(reader);
        req.exceptionHandler(err -> {
            if (!reader.rejected) {
                reader.rejected = true;
                call.clientAborted("client_aborted_request");
            }
        });
        req.endHandler(v -> {
            if (!reader.rejected) {
                parseAndStart(call, reader.body());
            }
        });
    }

    /**
     * Collects the body within the size limit. A body that arrives in one chunk (the usual case) is kept as that chunk,
     * not copied; only a second chunk starts an accumulating buffer.
     */
    private final class BodyReader implements Handler<Buffer> {
        private final ProxyCall call;
        private Buffer first;
        private Buffer joined;
        private int length;
        boolean rejected;

        BodyReader(ProxyCall call) {
            this.call = call;
        }

        @Override
        public void handle(Buffer chunk) {
            if (rejected) {
                return;
            }
            if ((long) length + chunk.length() > maxBodyBytes) {
                rejected = true;
                call.rejectEarly(tooLarge());
                return;
            }
            length += chunk.length();
            if (first == null && joined == null) {
                first = chunk;
            } else {
                if (joined == null) {
                    joined = Buffer.buffer(Math.max(2 * length, 1024)).appendBuffer(first);
                    first = null;
                }
                joined.appendBuffer(chunk);
            }
        }

        Buffer body() {
            return joined != null ? joined : first != null ? first : Buffer.buffer();
        }
    }

    private static void parseAndStart(ProxyCall call, Buffer body) {
        Object parsed;
        try {
            parsed = body.length() == 0 ? null : GatewayJson.value(body);
        } catch (DecodeException e) {
            call.rejectEarly(ApiError.INVALID_JSON.withMessage("We could not parse the JSON body of your request. "
                    + "(HINT: The OpenAI-compatible API expects a JSON payload, but what was sent was not valid JSON.)"));
            return;
        }
        if (!(parsed instanceof JsonObject json)) {
            call.rejectEarly(ApiError.INVALID_JSON.withMessage(
                    "The request body must be a JSON object."));
            return;
        }
        call.start(new ParsedBody(json, body));
    }

    /** The body as received and as parsed. */
    record ParsedBody(JsonObject json, Buffer raw) {}

    private ErrorResponse tooLarge() {
        return ApiError.BODY_TOO_LARGE.withMessage(
                "Request body too large: the limit is " + maxBodyBytes + " bytes.");
    }

    static Endpoint route(String path) {
        if (path == null) {
            return null;
        }
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.startsWith("/v1/models/") && p.length() > "/v1/models/".length()) {
            return Endpoint.MODELS;
        }
        return Endpoint.ofPath(p);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "req_" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    static Logger log() {
        return LOG;
    }
}
