package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.time.VirtualClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits as a client sees them over real HTTP on loopback: a minimal Vert.x endpoint admits each chat completion
 * (prompt tokens counted with jtokkit), answers with the headers, settles with the usage, and answers 429 when a limit
 * refuses; the official OpenAI Java SDK reads the headers and maps the 429 to its RateLimitException.
 */
class RateLimitOverHttpTest {
    private static final String USAGE = "{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}";

    private final Encoding tokenizer = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final VirtualClock clock = new VirtualClock(1_700_000_000_000L);
    private final QuotaEnforcer enforcer =
            new QuotaEnforcer(new InMemoryBucketStore(clock, InMemoryStoreConfig.DEFAULT));
    private final RateLimitErrors errors = new RateLimitErrors("https://platform.openai.com/account/rate-limits");
    private final List<Scope> scopes = List.of(
            Scope.of(ScopeKind.KEY, "sk-1", LimitSpec.requestsPerMinute(3), LimitSpec.outputTokensPerMinute(10_000)),
            Scope.of(ScopeKind.ORG, "org-test", LimitSpec.inputTokensPerMinute(30_000)));
    private Vertx vertx;
    private HttpServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> answer(body.toJsonObject(), req.response())))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        client = OpenAIOkHttpClient.builder().apiKey("sk-1").maxRetries(0)
                .baseUrl("http://127.0.0.1:" + server.actualPort() + "/v1").build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private void answer(JsonObject request, HttpServerResponse response) {
        long promptTokens = 0;
        for (Object message : request.getJsonArray("messages", new JsonArray())) {
            promptTokens += 3 + tokenizer.countTokens(((JsonObject) message).getString("content", ""));
        }
        Demand demand = Demand.forCompletion(promptTokens, request.getInteger("max_completion_tokens"), 1, 4_096);
        switch (enforcer.admit(scopes, demand)) {
            case Admission.Admitted admitted -> {
                long completion = 7;
                enforcer.settle(admitted.reservation(), new ActualUsage(promptTokens, completion));
                RateLimitHeaders.of(admitted.status()).forEach(response::putHeader);
                response.putHeader("content-type", "application/json").end(new JsonObject()
                        .put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000L)
                        .put("model", request.getString("model"))
                        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                                .put("message", new JsonObject().put("role", "assistant").put("content", "Paris."))
                                .put("finish_reason", "stop")))
                        .put("usage", new JsonObject(USAGE.formatted(promptTokens, completion, promptTokens + completion)))
                        .encode());
            }
            case Admission.Rejected rejected -> {
                RateLimitHeaders.of(rejected).forEach(response::putHeader);
                response.setStatusCode(429).putHeader("content-type", "application/json")
                        .end(errors.body(rejected, request.getString("model"), "org-test"));
            }
            case Admission.Unavailable unavailable ->
                    throw new IllegalStateException("the in-memory store is never unavailable: " + unavailable);
        }
    }

    private ChatCompletionCreateParams ask(String question) {
        return ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage(question)
                .maxCompletionTokens(256).build();
    }

    @Test
    void theSdkSeesOpenAiHeadersAndARateLimitException() {
        List<String> resets = List.of("20s", "40s", "1m0s");
        for (int i = 1; i <= 3; i++) {
            HttpResponseFor<ChatCompletion> ok =
                    client.chat().completions().withRawResponse().create(ask("What is the capital of France?"));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.parse().usage()).get().extracting(u -> u.completionTokens()).isEqualTo(7L);
            assertThat(ok.headers().values("x-ratelimit-limit-requests")).containsExactly("3");
            assertThat(ok.headers().values("x-ratelimit-remaining-requests")).containsExactly(Long.toString(3 - i));
            assertThat(ok.headers().values("x-ratelimit-reset-requests")).containsExactly(resets.get(i - 1));
        }

        RateLimitException limited = catchThrowableOfType(RateLimitException.class,
                () -> client.chat().completions().create(ask("And of Italy?")));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.type()).contains("requests");
        assertThat(limited.code()).contains("rate_limit_exceeded");
        assertThat(limited.getMessage()).contains("Rate limit reached for gpt-4o in organization org-test on "
                + "requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.");
        assertThat(limited.headers().values("retry-after-ms")).containsExactly("20000");
        assertThat(limited.headers().values("retry-after")).containsExactly("20");

        clock.advance(20_000);
        assertThat(client.chat().completions().create(ask("And of Spain?")).choices()).hasSize(1);
    }
}
