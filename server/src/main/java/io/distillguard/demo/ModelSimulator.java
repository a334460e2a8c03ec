package io.distillguard.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Objects;

/**
 * An OpenAI-compatible model API on loopback that stands in for the real upstream in the demo, the tests and the
 * benchmarks: chat completions, legacy completions, embeddings, responses and models, plain and streamed, faithful
 * enough for the official OpenAI SDKs. Non-blocking (Vert.x {@link HttpServer}, pacing with timers). Faults are
 * injected per request with the {@code x-sim-fault} header (see {@link FaultPlan}). The tokenizer and WordNet load
 * on the first completion request, off the event loop; {@link #warmUp()} loads them ahead.
 */
public final class ModelSimulator {

    private static final long MODEL_CREATED = 1_735_689_600L; // 2025-01-01, a fixed date for GET /v1/models
    private static final int BODY_LIMIT = 32 * 1024 * 1024;

    private final SimulatorConfig config;
    private final CompletionEngine engine;
    private final ApiContext api;
    private final SimulatorStats stats = new SimulatorStats();
    private Vertx vertx;
    private HttpServer server;
    private Future<Void> ready;

    public ModelSimulator(SimulatorConfig config) {
        this(config, Clock.systemUTC());
    }

    public ModelSimulator(SimulatorConfig config, Clock clock) {
        this(new CompletionEngine(config), clock);
    }

    /** A simulator around an existing engine, e.g. one whose resources are already loaded. */
    public ModelSimulator(CompletionEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = engine.config();
        this.api = new ApiContext(engine, Objects.requireNonNull(clock, "clock"));
    }

    /** Listens on {@code host:port} (port 0 = any free port); completes with the bound port. */
    public Future<Integer> start(Vertx vertx, String host, int port) {
        this.vertx = vertx;
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        route(router, "/v1/chat/completions", new ChatCompletionsHandler(api));
        route(router, "/v1/completions", new CompletionsHandler(api));
        route(router, "/v1/embeddings", new EmbeddingsHandler(api));
        route(router, "/v1/responses", new ResponsesHandler(api));
        router.get("/v1/models").handler(this::listModels);
        router.get("/v1/models/:model").handler(this::getModel);
        router.route().last().handler(ctx -> json(ctx, ApiError.unknownUrl(ctx.request().method().name(),
                ctx.request().path())));
        return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    /** Stops listening and closes open connections. */
    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Loads the tokenizer and WordNet now instead of on the first request (off the event loop); after start. */
    public synchronized Future<Void> warmUp() {
        Objects.requireNonNull(vertx, "start the simulator before warming it up");
        if (ready == null) {
            ready = vertx.executeBlocking(() -> {
                engine.warmUp();
                return null;
            });
        }
        return ready;
    }

    /** The simulated model without HTTP, e.g. for simulations on a virtual clock. */
    public CompletionEngine engine() {
        return engine;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** API requests whose response has neither ended nor been abandoned by the client. */
    public int inFlight() {
        return stats.inFlight.get();
    }

    /** Streams that stopped because the client went away before the end. */
    public long cancelledStreams() {
        return stats.cancelledStreams.get();
    }

    /** SSE data frames written so far, over all streams. */
    public long streamedChunks() {
        return stats.streamedChunks.get();
    }

    /** API requests received (POST endpoints). */
    public long requests() {
        return stats.requests.get();
    }

    private void route(Router router, String path, ApiHandler handler) {
        router.post(path).handler(ctx -> dispatch(ctx, handler));
    }

    private void dispatch(RoutingContext ctx, ApiHandler handler) {
        Parsed<FaultPlan> plan = FaultPlan.parse(ctx.request().getHeader(FaultPlan.HEADER));
        FaultPlan fault = plan instanceof Parsed.Ok<FaultPlan> ok ? ok.value() : FaultPlan.NONE;
        Exchange ex = new Exchange(ctx, vertx, stats, fault, config.pacing());
        if (plan instanceof Parsed.Rejected<FaultPlan> rejected) {
            ex.reply(rejected.error());
            return;
        }
        if (fault.hang()) {
            return;
        }
        if (fault.serverError()) {
            ex.schedule(fault.extraTtftMs(), () -> ex.reply(ApiError.upstreamFailure()));
            return;
        }
        JsonObject body;
        try {
            body = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonObject();
        } catch (DecodeException | ClassCastException notAnObject) {
            body = null;
        }
        if (body == null) {
            ex.reply(ApiError.invalid(null, "We could not parse the JSON body of your request. (HINT: This likely "
                    + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)"));
            return;
        }
        JsonObject request = body;
        warmUp().onComplete(loaded -> {
            if (loaded.succeeded()) {
                handler.handle(ex, request);
            } else {
                ex.reply(new ApiError(500, "Simulator failed to load: " + loaded.cause(), "server_error", null,
                        null));
            }
        });
    }

    private void listModels(RoutingContext ctx) {
        JsonArray data = new JsonArray();
        config.models().forEach(m -> data.add(model(m)));
        ctx.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("object", "list").put("data", data).encode());
    }

    private void getModel(RoutingContext ctx) {
        String id = ctx.pathParam("model");
        config.model(id).ifPresentOrElse(
                m -> ctx.response().putHeader("content-type", "application/json").end(model(m).encode()),
                () -> json(ctx, ApiError.unknownModel(id)));
    }

    private static JsonObject model(SimulatedModel m) {
        return new JsonObject().put("id", m.id()).put("object", "model").put("created", MODEL_CREATED)
                .put("owned_by", "distillguard-simulator");
    }

    private static void json(RoutingContext ctx, ApiError error) {
        ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                .end(error.toJson().encode());
    }
}
