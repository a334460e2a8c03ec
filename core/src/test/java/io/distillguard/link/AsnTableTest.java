package io.distillguard.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AsnTableTest {

    @Test
    void resolvesAddressesInsideRangesAndNothingOutsideThem() throws Exception {
        AsnTable t = AsnTable.load(Path.of(getClass().getResource("/asn/ip2asn-v4-sample.tsv").toURI()));
        assertThat(t.size()).isEqualTo(4); // the "Not routed" row is skipped
        assertThat(t.asnOf("45.1.2.0")).isEqualTo(64501);
        assertThat(t.asnOf("45.1.3.255")).isEqualTo(64501);
        assertThat(t.asnOf("100.64.17.3")).isEqualTo(64500);
        assertThat(t.asnOf("203.0.113.9")).isEqualTo(64496);
        assertThat(t.asnOf("45.1.4.0")).isZero();
        assertThat(t.asnOf("1.0.0.7")).isZero();
        assertThat(t.asnOf("0.0.0.1")).isZero();
        assertThat(t.asnOf("2001:db8::1")).isZero();
        assertThat(t.asnOf("300.1.1.1")).isZero();
        assertThat(t.asnOf("garbage")).isZero();
    }

    @Test
    void unsortedRowsAreSortedAndIpv6RowsSkipped() throws Exception {
        AsnTable t = AsnTable.read(new StringReader("""
                10.0.2.0\t10.0.2.255\t65002\tZZ\tB
                2001:db8::\t2001:db8::ffff\t65009\tZZ\tV6
                10.0.1.0\t10.0.1.255\t65001\tZZ\tA
                """), "inline");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.asnOf("10.0.1.200")).isEqualTo(65001);
        assertThat(t.asnOf("10.0.2.1")).isEqualTo(65002);
    }

    @Test
    void aMalformedRowFailsTheLoadNamingItsLine() {
        assertThatThrownBy(() -> AsnTable.read(new StringReader("10.0.0.0\t10.0.0.255\t1\n10.0.0.x\t10.0.1.0\t2\n"),
                "db.tsv")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("db.tsv:2:");
    }
}
