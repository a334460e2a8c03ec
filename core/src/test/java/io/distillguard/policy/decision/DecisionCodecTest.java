package io.distillguard.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionCodecTest {
    private static final Instant AT = Instant.parse("2026-10-01T12:00:00Z");

    private static Issuance issuance(String rule, Instant expires) {
        Evidence evidence = Evidence.of(Map.of("risk", 0.91, "accounts", 30), Map.of("content", 0.8, "fleet", 0.6),
                List.of("acct_1", "acct_2")).withNote("from flink");
        return new Issuance(Issuance.idFor(rule, Scope.entity("ent_acct_1"), AT), rule, Mode.ENFORCE,
                Scope.entity("ent_acct_1"), AT, expires, 5, evidence);
    }

    @Test
    void everyActionRoundTripsToAnEqualDecision() {
        List<Decision> all = List.of(
                new Allow(issuance("allow-staff", null)),
                new Tag("suspect", issuance("tag-it", AT.plusSeconds(60))),
                new Watermark(0.7, issuance("mark", AT.plusSeconds(3600))),
                new Degrade(new DegradeSpec(true, true, 1, 512, false), issuance("degrade", AT.plusSeconds(600))),
                new Degrade(new DegradeSpec(true, false, null, null, true), issuance("degrade2", null)),
                new Throttle(0.25, 1500, issuance("slow", AT.plusSeconds(7200))),
                new RequireVerification("verify your identity", issuance("kyc", null)),
                new Block("distillation campaign", issuance("block-hydra", AT.plusSeconds(86_400))));
        for (Decision d : all) {
            Decision back = DecisionCodec.decode(DecisionCodec.encode(d));
            assertThat(back).as(d.action()).isEqualTo(d);
        }
    }

    @Test
    void theKeyIsScopeAndRuleSoACompactedTopicKeepsTheLatestPerRule() {
        Decision a = new Block("x", issuance("block-hydra", null));
        Decision b = new Throttle(0.5, 0, issuance("slow", null));
        assertThat(DecisionCodec.key(a)).isEqualTo("entity:ent_acct_1|block-hydra");
        assertThat(DecisionCodec.key(b)).isNotEqualTo(DecisionCodec.key(a));
        assertThat(new String(DecisionCodec.encode(a), StandardCharsets.UTF_8))
                .contains("\"action\":\"block\"").contains("\"scope\":{\"type\":\"entity\",\"id\":\"ent_acct_1\"}");
    }

    @Test
    void unknownVersionsAndGarbageAreRejected() {
        assertThatThrownBy(() -> DecisionCodec.decode("{\"v\":99,\"action\":\"block\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
        assertThatThrownBy(() -> DecisionCodec.decode("nope".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }
}
