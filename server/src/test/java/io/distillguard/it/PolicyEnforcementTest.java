package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.config.MeteringConfig;
import io.distillguard.event.UsageEvent;
import io.distillguard.it.PolicyFixture.Customer;
import io.distillguard.policy.audit.AuditLog;
import io.distillguard.registry.Tier;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions made through the admin API take effect on the next request of the official OpenAI SDK, through the whole
 * gateway on loopback: block and lift across an entity's keys, verification, degrade, throttle, shadow, retention.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyEnforcementTest {
    @TempDir
    static Path dataDir;
    PolicyFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = PolicyFixture.start(dataDir, c -> c.withMetering(c.metering().withRetention(MeteringConfig.Retention.FLAGGED)));
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private static ChatCompletionCreateParams.Builder chat(String text) {
        return ChatCompletionCreateParams.builder().model("sim-small").addUserMessage(text).maxCompletionTokens(40);
    }

    private OpenAIClient client(Customer c) {
        return fx.gw.client(c.secret());
    }

    @Test
    void blockReachesEveryKeyOfTheEntityAndLiftRestoresIt() throws Exception {
        Customer a = fx.customer(GatewayFixture.roomy("roomy"), "ent_fleet_block");
        Customer b = fx.customer(GatewayFixture.roomy("roomy"), "ent_fleet_block");
        Customer bystander = fx.customer();
        client(a).chat().completions().create(chat("hello").build());
        JsonObject decision = fx.act("entity", "ent_fleet_block", "block",
                new JsonObject().put("reason", "Systematic extraction of model outputs."), null);
        for (Customer c : List.of(a, b)) {
            assertThatThrownBy(() -> client(c).chat().completions().create(chat("again").build()))
                    .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.code()).contains("account_suspended");
                        assertThat(e.getMessage()).contains("Systematic extraction").contains(decision.getString("id"));
                    });
        }
        client(bystander).chat().completions().create(chat("unaffected").build());
        var active = fx.admin("GET", "/admin/actions?scope=entity&id=ent_fleet_block", null);
        assertThat(active.body().getJsonObject("effective").getString("id")).isEqualTo(decision.getString("id"));

        var lifted = fx.admin("POST", "/admin/actions/lift", new JsonObject()
                .put("decision_id", decision.getString("id")).put("reason", "false positive").put("operator", "bob"));
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.body().getJsonArray("lifted")).hasSize(1);
        client(a).chat().completions().create(chat("back").build());
        client(b).chat().completions().create(chat("back").build());
    }

    @Test
    void requireVerificationIsA403WithItsCodeAndHowToVerify() throws Exception {
        Customer c = fx.customer();
        fx.act("account", c.accountId(), "require_verification", null, null);
        assertThatThrownBy(() -> client(c).chat().completions().create(chat("hi").build()))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.code()).contains("verification_required");
                    assertThat(e.getMessage()).contains("verify").contains("Organization > Verification");
                });
    }

    @Test
    void degradeStripsLogprobsAndCapsNAndMaxTokens() throws Exception {
        Customer c = fx.customer();
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model("sim-small")
                .addUserMessage("Write a long essay about the history of the printing press in Europe.")
                .logprobs(true).topLogprobs(5).n(4).maxCompletionTokens(400).build();
        ChatCompletion before = client(c).chat().completions().create(ask);
        assertThat(before.choices()).hasSize(4);
        assertThat(before.choices().get(0).logprobs()).isPresent();
        assertThat(before.usage().orElseThrow().completionTokens()).isGreaterThan(4 * 12);

        fx.act("key", c.keyId(), "degrade", new JsonObject().put("strip_logprobs", true).put("max_n", 1)
                .put("max_tokens", 12), null);
        ChatCompletion after = client(c).chat().completions().create(ask);
        assertThat(after.choices()).hasSize(1);
        assertThat(after.choices().get(0).logprobs()).isEmpty();
        assertThat(after.usage().orElseThrow().completionTokens()).isBetween(1L, 12L);
        assertThat(after.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
    }

    @Test
    void logitBiasTogetherWithLogprobsIsRefused() throws Exception {
        Customer c = fx.customer();
        fx.act("key", c.keyId(), "degrade", new JsonObject().put("refuse_logit_bias_with_logprobs", true), null);
        ChatCompletionCreateParams probe = chat("Say yes.").logprobs(true).topLogprobs(5)
                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                        .putAdditionalProperty("1000", JsonValue.from(100)).build()).build();
        assertThatThrownBy(() -> client(c).chat().completions().create(probe))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("logit_bias");
                    assertThat(e.getMessage()).contains("logit_bias cannot be combined with logprobs");
                });
        client(c).chat().completions().create(chat("Say yes.").logprobs(true).build()); // logprobs alone: fine
    }

    @Test
    void reasoningIsDroppedFromWholeAndStreamedAnswers() throws Exception {
        Customer c = fx.customer();
        ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model("sim-reasoner")
                .addUserMessage("Why is the sky blue? Think step by step.").maxCompletionTokens(200).build();
        ChatCompletion before = client(c).chat().completions().create(ask);
        assertThat(before.choices().get(0).message()._additionalProperties()).containsKey("reasoning_content");

        fx.act("entity", c.entityId(), "degrade", new JsonObject().put("drop_reasoning", true), null);
        ChatCompletion after = client(c).chat().completions().create(ask);
        assertThat(after.choices().get(0).message()._additionalProperties()).doesNotContainKey("reasoning_content");
        assertThat(after.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client(c).chat().completions().createStreaming(ask)) {
            s.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(ch -> ch.choices().forEach(ch2 -> {
            assertThat(ch2.delta()._additionalProperties()).doesNotContainKey("reasoning_content");
            ch2.delta().content().ifPresent(text::append);
        }));
        assertThat(text).isNotEmpty();
    }

    @Test
    void throttleLowersTheLimitsAndDelaysTheRequest() throws Exception {
        Tier tier = new Tier("policy-rpm-10", 10, 1_000_000, 1_000_000, 1_000_000, 4096);
        Customer c = fx.customer(tier, null);
        fx.act("entity", c.entityId(), "throttle", new JsonObject().put("factor", 0.2).put("delay_ms", 300), null);
        long start = System.nanoTime();
        client(c).chat().completions().create(chat("one").build());
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        client(c).chat().completions().create(chat("two").build());
        assertThatThrownBy(() -> client(c).chat().completions().create(chat("three").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e ->
                        assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("2"));
    }

    @Test
    void shadowDecisionChangesNothingButIsCountedAndAudited() throws Exception {
        Customer c = fx.customer();
        JsonObject shadow = fx.act("entity", c.entityId(), "block", null, "shadow");
        for (int i = 0; i < 3; i++) {
            assertThat(client(c).chat().completions().create(chat("still served " + i).build()).choices()).hasSize(1);
        }
        assertThat(fx.metrics()).containsPattern(
                "distillguard_policy_shadow_hits_total\\{action=\"block\",rule=\"operator:alice\"} [3-9]");
        fx.gw.app.policy().ledger().flush();
        List<JsonObject> audit = Files.readAllLines(fx.gw.app.policy().auditPath()).stream().map(JsonObject::new)
                .toList();
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.getString("decision_id")).isEqualTo(shadow.getString("id"));
            assertThat(r.getString("type")).isEqualTo("manual");
            assertThat(r.getString("mode")).isEqualTo("shadow");
        });
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.getString("decision_id")).isEqualTo(shadow.getString("id"));
            assertThat(r.getString("type")).isEqualTo("cost");
            assertThat(r.getLong("requests_refused")).isEqualTo(3L);
        });
        assertThat(AuditLog.verify(fx.gw.app.policy().auditPath())).isEmpty();
    }

    @Test
    void flaggedRetentionKeepsTextOnlyForTaggedEntities() throws Exception {
        Customer tagged = fx.customer();
        Customer plain = fx.customer();
        fx.act("entity", tagged.entityId(), "tag", new JsonObject().put("label", "review"), null);
        client(tagged).chat().completions().create(chat("tagged prompt").build());
        client(plain).chat().completions().create(chat("plain prompt").build());
        Map<String, UsageEvent> byKey = new java.util.HashMap<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (byKey.size() < 2 && System.nanoTime() < deadline) {
            fx.events.stream().filter(e -> e.keyId() != null && (e.keyId().equals(tagged.keyId())
                    || e.keyId().equals(plain.keyId()))).forEach(e -> byKey.put(e.keyId(), e));
            Thread.onSpinWait();
        }
        assertThat(byKey.get(tagged.keyId()).promptText()).contains("tagged prompt");
        assertThat(byKey.get(plain.keyId()).promptText()).isNull();
        assertThat(fx.metrics()).contains("distillguard_policy_enforced_total{action=\"tag\",rule=\"operator:alice\"}");
    }

    @Test
    void adminApiValidatesActions() throws Exception {
        var noReason = fx.admin("POST", "/admin/actions", new JsonObject().put("scope", "entity").put("id", "e1")
                .put("action", "block").put("operator", "alice"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().getJsonObject("error").getString("param")).isEqualTo("reason");
        var foreign = fx.admin("POST", "/admin/actions", new JsonObject().put("scope", "entity").put("id", "e1")
                .put("action", "block").put("params", new JsonObject().put("factor", 0.5)).put("reason", "x")
                .put("operator", "alice"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().getJsonObject("error").getString("message")).contains("factor");
        var unauthenticated = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + fx.gw.app.adminPort() + "/admin/policy")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        var registryStillServed = fx.admin("GET", "/admin/tiers", null);
        assertThat(registryStillServed.status()).isEqualTo(200);
    }
}
