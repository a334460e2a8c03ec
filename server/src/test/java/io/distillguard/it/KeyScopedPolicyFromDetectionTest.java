package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.registry.NewAccount;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection feeds key-scoped rules: one account probes with logit_bias + logprobs on one key and works normally on
 * another; after detection scores the entity, the default pack's key rule refuses the probe on the probing key only.
 */
class KeyScopedPolicyFromDetectionTest {
    @TempDir
    Path dataDir;

    private static ChatCompletionCreateParams probe(int i) {
        return ChatCompletionCreateParams.builder().model("sim-small").addUserMessage("Say yes " + i + ".")
                .maxCompletionTokens(1).logprobs(true).topLogprobs(5)
                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                        .putAdditionalProperty(String.valueOf(1000 + i), JsonValue.from(100)).build()).build();
    }

    @Test
    void detectionDegradesTheProbingKeyAndNotItsSibling() throws Exception {
        try (GatewayFixture gw = GatewayFixture.start(dataDir)) {
            var registry = gw.app.registry();
            registry.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
            var org = registry.createOrg(null, "probe-org").orElseThrow();
            var account = registry.createAccount(new NewAccount(null, org.id(), "roomy", "example.com", null, null,
                    "web", false)).orElseThrow();
            var probing = registry.createKey(account.id(), "probing").orElseThrow();
            var sibling = registry.createKey(account.id(), "sibling").orElseThrow();
            OpenAIClient probeClient = gw.client(probing.secret());
            OpenAIClient siblingClient = gw.client(sibling.secret());
            int accepted = 0;
            for (int i = 0; i < 60; i++) {
                try {
                    probeClient.chat().completions().create(probe(i));
                    accepted++;
                } catch (BadRequestException refusedOnTheWay) {
                    // detection scored the entity on its timer while the probes were still coming: already refused
                    assertThat(refusedOnTheWay.param()).contains("logit_bias");
                }
            }
            assertThat(accepted).as("probes before anything was decided").isGreaterThanOrEqualTo(10);
            for (int i = 0; i < 5; i++) {
                siblingClient.chat().completions().create(ChatCompletionCreateParams.builder().model("sim-small")
                        .addUserMessage("Summarise the meeting notes, part " + i + ".").maxCompletionTokens(40)
                        .build());
            }
            gw.drainDetection(System.currentTimeMillis());

            String entity = gw.app.detection().resolver().entityOf(account.id());
            List<Decision> onProbing = gw.app.policy().cache().active(probing.key().id(), account.id(), entity);
            Decision keyRule = onProbing.stream().filter(d -> d.ruleName().equals("refuse-logit-bias-probing"))
                    .findFirst().orElseThrow(() -> new AssertionError("no key decision; active: " + onProbing));
            assertThat(keyRule).isInstanceOf(Degrade.class);
            assertThat(keyRule.scope().type()).isEqualTo(ScopeType.KEY);
            assertThat(keyRule.scope().id()).isEqualTo(probing.key().id());
            assertThat((Long) keyRule.evidence().facts().get("key.logit_bias_probes_1h")).isGreaterThanOrEqualTo(10L);
            assertThat(gw.app.policy().cache().active(sibling.key().id(), account.id(), entity))
                    .noneMatch(d -> d.ruleName().equals("refuse-logit-bias-probing"));

            assertThatThrownBy(() -> probeClient.chat().completions().create(probe(99)))
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.param()).contains("logit_bias"));
            assertThat(siblingClient.chat().completions().create(probe(99)).choices()).isNotEmpty();
        }
    }
}
