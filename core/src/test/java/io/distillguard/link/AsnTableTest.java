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
    void unsortedRowsAreSortedPerAddressFamily() throws Exception {
        AsnTable t = AsnTable.read(new StringReader("""
                10.0.2.0\t10.0.2.255\t65002\tZZ\tB
                2001:db8:100::\t2001:db8:1ff:ffff:ffff:ffff:ffff:ffff\t65009\tZZ\tV6 proxy
                10.0.1.0\t10.0.1.255\t65001\tZZ\tA
                2001:db8::\t2001:db8:ff:ffff:ffff:ffff:ffff:ffff\t65008\tZZ\tV6 cloud
                2c10::\tffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\t0\tNone\tNot routed
                """), "inline");
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.ipv6Size()).isEqualTo(2);
        assertThat(t.asnOf("10.0.1.200")).isEqualTo(65001);
        assertThat(t.asnOf("10.0.2.1")).isEqualTo(65002);
        assertThat(t.asnOf("2001:db8::1")).isEqualTo(65008);
        assertThat(t.asnOf("2001:DB8:1A::7")).isEqualTo(65008); // upper case, still the cloud range
        assertThat(t.asnOf("2001:db8:1ff:ffff::1")).isEqualTo(65009);
        assertThat(t.asnOf("2001:db8:200::1")).isZero();
        assertThat(t.asnOf("fe80::1")).isZero();
        assertThat(t.asnOf("::ffff:10.0.1.7")).isEqualTo(65001); // IPv4-mapped: its IPv4 address
        assertThat(t.asnOf("2001:db8::zz")).isZero();
        assertThat(t.asnOf("localhost:80")).isZero(); // never resolved
    }

    @Test
    void aMalformedRowFailsTheLoadNamingItsLine() {
        assertThatThrownBy(() -> AsnTable.read(new StringReader("10.0.0.0\t10.0.0.255\t1\n10.0.0.x\t10.0.1.0\t2\n"),
                "db.tsv")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("db.tsv:2:");
    }
}
