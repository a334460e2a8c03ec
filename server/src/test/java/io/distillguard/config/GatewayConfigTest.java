package io.distillguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path dir;

    @Test
    void emptyFileGivesDefaults() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), "");
        GatewayConfig c = GatewayConfig.load(f);
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.metering().retention()).isEqualTo(MeteringConfig.Retention.FLAGGED);
    }

    @Test
    void readsSectionsAndKeepsDefaultsForTheRest() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), """
                server: {port: 9000, maxBodyBytes: 2048}
                upstream: {baseUrl: "https://api.example.com/v1/", idleTimeoutMs: 1000}
                identity: {trustedProxies: ["10.0.0.0/8"], fingerprintHeader: x-ja4}
                metering: {retention: ALL}
                events: {sink: kafka, kafka: {bootstrapServers: "k1:9092,k2:9092"}, spool: {whenFull: drop}}
                """);
        GatewayConfig c = GatewayConfig.load(f);
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.server().maxBodyBytes()).isEqualTo(2048);
        assertThat(c.upstream().baseUrl()).isEqualTo("https://api.example.com/v1");
        assertThat(c.identity().fingerprintHeader()).isEqualTo("x-ja4");
        assertThat(c.metering().retention()).isEqualTo(MeteringConfig.Retention.ALL);
        assertThat(c.limits().entityMultiplier()).isEqualTo(1.0);
        assertThat(c.events().sink()).isEqualTo(EventsConfig.Sink.KAFKA);
        assertThat(c.events().kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(c.events().kafka().topic()).isEqualTo("distillguard.usage-events");
        assertThat(c.events().spool().whenFull()).isEqualTo(SpoolSettings.WhenFull.DROP);
        assertThat(c.events().embeddedStoreReceivesEvents()).isTrue();
    }

    @Test
    void theDocumentedExampleFileIsValidAndMatchesTheDefaults() throws Exception {
        GatewayConfig example = GatewayConfig.load(Path.of("..", "distillguard.example.yaml"));
        assertThat(example).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void rejectsBadValuesNamingTheField() throws Exception {
        Path f = Files.writeString(dir.resolve("c.yaml"), "server: {port: 70000}\n");
        assertThatThrownBy(() -> GatewayConfig.load(f)).hasMessageContaining("server.port");
        Path g = Files.writeString(dir.resolve("g.yaml"), "upstream: {baseUrl: ftp://x}\n");
        assertThatThrownBy(() -> GatewayConfig.load(g)).hasMessageContaining("upstream.baseUrl");
        Path h = Files.writeString(dir.resolve("h.yaml"), "identity: {trustedProxies: [nonsense]}\n");
        assertThatThrownBy(() -> GatewayConfig.load(h)).hasMessageContaining("nonsense");
        Path k = Files.writeString(dir.resolve("k.yaml"), "events: {kafka: {producer: {acks: '1'}}}\n");
        assertThatThrownBy(() -> GatewayConfig.load(k)).hasMessageContaining("acks");
        Path s = Files.writeString(dir.resolve("s.yaml"), "events: {spool: {maxBytes: 10}}\n");
        assertThatThrownBy(() -> GatewayConfig.load(s)).hasMessageContaining("events.spool.maxBytes");
        Path u = Files.writeString(dir.resolve("u.yaml"), "sever: {port: 1}\n");
        assertThatThrownBy(() -> GatewayConfig.load(u)).hasMessageContaining("sever");
    }
}
