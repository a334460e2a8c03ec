package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {
    private final ClientAddressResolver resolver =
            new ClientAddressResolver(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")));

    @Test
    void usesTheSocketPeerWhenItIsNotATrustedProxy() {
        assertThat(resolver.resolve("203.0.113.9", "198.51.100.7")).isEqualTo("203.0.113.9");
        assertThat(resolver.resolve("203.0.113.9", null)).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheFirstUntrustedHopFromTheRightBehindATrustedProxy() {
        // The client claims 1.2.3.4 itself; the trusted proxy appended the real address it saw.
        assertThat(resolver.resolve("10.1.2.3", "1.2.3.4, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("10.1.2.3", "198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
        assertThat(resolver.resolve("fd00::1", "2001:db8::5")).isEqualTo("2001:db8::5");
    }

    @Test
    void ignoresGarbageInTheHeader() {
        assertThat(resolver.resolve("10.1.2.3", "not-an-ip")).isEqualTo("10.1.2.3");
    }

    @Test
    void cidrMatchesPrefixesExactly() {
        Cidr c = Cidr.parse("192.168.4.0/22");
        assertThat(c.contains("192.168.7.255")).isTrue();
        assertThat(c.contains("192.168.8.0")).isFalse();
        assertThat(c.contains("::1")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
