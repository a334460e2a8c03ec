package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.config.DetectionSettings;
import io.distillguard.config.DistributedDetection;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.DecisionCodec;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.registry.NewAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed mode: a block decision that the Flink job wrote to the decisions topic (its wire form, keyed by scope and
 * rule) for one of its entities (an id this gateway's linker never made) is read by the gateway into its decision cache
 * once, as an entity entry, and the next request of each member account through the real gateway is refused; before
 * it, the same accounts are served.
 */
class DecisionsTopicToGatewayTest {
    @TempDir
    Path dataDir;

    @Test
    void aDecisionFromTheTopicAppliesToTheNextRequest() throws Exception {
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic("decisions", 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            DistributedDetection distributed = DistributedDetection.defaults()
                    .withBootstrapServers(kafka.bootstrapServers());
            distributed = new DistributedDetection(distributed.bootstrapServers(), distributed.usageTopic(),
                    distributed.alertsTopic(), "decisions", distributed.groupPrefix());
            DistributedDetection settings = distributed;
            try (GatewayFixture gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(),
                    c -> c.withDetection(DetectionSettings.defaults().withDistributed(settings)))) {
                var reg = gw.app.registry();
                reg.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
                var org = reg.createOrg(null, "org-flink").orElseThrow();
                var account = reg.createAccount(new NewAccount(null, org.id(), "roomy", "example.com", null, null,
                        "web", false)).orElseThrow();
                var other = reg.createAccount(new NewAccount(null, org.id(), "roomy", "example.com", null, null,
                        "web", false)).orElseThrow();
                String key = reg.createKey(account.id(), "k").orElseThrow().secret();
                String otherKey = reg.createKey(other.id(), "k2").orElseThrow().secret();
                HttpClient http = HttpClient.newHttpClient();
                assertThat(chat(http, gw, key).statusCode()).isEqualTo(200);
                assertThat(chat(http, gw, otherKey).statusCode()).isEqualTo(200);

                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                Scope entity = Scope.entity("ent_job_campaign");
                Block block = new Block("Access suspended for systematic extraction of model outputs.",
                        new Issuance(Issuance.idFor("block-campaign", entity, now), "block-campaign", Mode.ENFORCE,
                                entity, now, now.plusSeconds(3600), 10,
                                Evidence.of(Map.of("risk", 0.93), Map.of("content", 0.9), List.of(account.id(), other.id()))));
                Properties p = new Properties();
                p.put("bootstrap.servers", kafka.bootstrapServers());
                try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>("decisions",
                            DecisionCodec.key(block).getBytes(StandardCharsets.UTF_8), DecisionCodec.encode(block)))
                            .get();
                }
                long deadline = System.currentTimeMillis() + 30_000;
                while (gw.app.decisionsConsumer().applied() == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(gw.app.decisionsConsumer().applied()).isEqualTo(1);
                assertThat(gw.app.policy().runtime().cache().find(block.id())).contains(block);
                assertThat(gw.app.policy().runtime().cache().inForce()).as("one entry for the entity, no copies")
                        .containsExactly(block);
                assertThat(gw.app.jobEntities().snapshot())
                        .containsEntry(account.id(), entity.id()).containsEntry(other.id(), entity.id());

                for (String k : List.of(key, otherKey)) {
                    HttpResponse<String> refused = chat(http, gw, k);
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                    assertThat(refused.body()).contains("systematic extraction");
                }
            }
        }
    }

    private static HttpResponse<String> chat(HttpClient http, GatewayFixture gw, String key) throws Exception {
        JsonObject body = new JsonObject().put("model", "sim-small").put("max_tokens", 16)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hello")));
        return http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
