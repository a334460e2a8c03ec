package io.distillguard.detect;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.distillguard.alert.AlertSink;
import io.distillguard.link.AsnTable;
import io.distillguard.link.LinkKind;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The engine resolves client addresses to ASNs itself, so the gateway, replays and the Flink job link alike. */
class EngineAsnTest {
    private static final AlertSink NOTHING = alert -> { };

    private static DetectionEngine engine() {
        return DetectionEngine.inMemory(DetectionConfig.defaults(), TestEvents::account, NOTHING, Clock.systemUTC());
    }

    private static void twoAccountsOnOneSmallProxyAsn(DetectionEngine engine) {
        // Two /24s of one small proxy ASN (sample database), then each account moves to a third address.
        engine.onEvent(event("p1", T0).ip("45.1.2.5").userAgent("ua-p1").build());
        engine.onEvent(event("p2", T0 + 1).ip("45.1.3.9").userAgent("ua-p2").build());
        engine.onEvent(event("p1", T0 + 2).ip("45.1.2.6").userAgent("ua-p1").build());
    }

    @Test
    void theOperatorsAsnDatabaseAddsASharedSmallAsnAsWeakLinkEvidence() throws Exception {
        DetectionEngine without = engine();
        twoAccountsOnOneSmallProxyAsn(without);
        double other = without.linker().linkScore("p1", "p2"); // user-agent-free evidence the two share anyway

        DetectionEngine with = engine();
        with.setAsnLookup(AsnTable.load(Path.of(getClass().getResource("/asn/ip2asn-v4-sample.tsv").toURI())));
        twoAccountsOnOneSmallProxyAsn(with);

        // Evidence kinds combine as independent: 1 - (1 - other)(1 - asn).
        assertThat(with.linker().linkScore("p1", "p2"))
                .isCloseTo(1 - (1 - other) * (1 - LinkKind.ASN.weight(2)), within(1e-9))
                .isLessThan(with.linker().config().linkThreshold());
        assertThat(with.linker().entityOf("p1")).isEqualTo("ent_p1");
    }
}
