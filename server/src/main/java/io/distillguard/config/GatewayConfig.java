package io.distillguard.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole configuration of a DistillGuard deployment, as read from {@code distillguard.yaml}. Immutable and validated
 * on construction: a bad value fails at start with a message naming the field, never at the first request. Every
 * section has defaults, so an empty file is a valid (loopback, embedded) configuration.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GatewayConfig(
        ServerConfig server,
        UpstreamConfig upstream,
        IdentityConfig identity,
        LimitsConfig limits,
        MeteringConfig metering,
        AdminConfig admin,
        PolicyConfig policy,
        AlertingConfig alerting,
        DetectionSettings detection,
        WatermarkSettings watermark,
        EventsConfig events) {

    public GatewayConfig {
        server = server == null ? ServerConfig.defaults() : server;
        upstream = upstream == null ? UpstreamConfig.defaults() : upstream;
        identity = identity == null ? IdentityConfig.defaults() : identity;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        metering = metering == null ? MeteringConfig.defaults() : metering;
        admin = admin == null ? AdminConfig.defaults() : admin;
        policy = policy == null ? PolicyConfig.defaults() : policy;
        alerting = alerting == null ? AlertingConfig.defaults() : alerting;
        detection = detection == null ? DetectionSettings.defaults() : detection;
        watermark = watermark == null ? WatermarkSettings.defaults() : watermark;
        events = events == null ? EventsConfig.defaults() : events;
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads and validates a YAML file. */
    public static GatewayConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        if (Files.size(file) == 0) {
            return defaults();
        }
        try {
            GatewayConfig cfg = yaml.readValue(file.toFile(), GatewayConfig.class);
            return cfg == null ? defaults() : cfg;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("invalid config " + file + ": " + cause.getMessage()
                    .replaceAll("\\s+", " "), e);
        }
    }

    public GatewayConfig withServer(ServerConfig s) {
        return new GatewayConfig(s, upstream, identity, limits, metering, admin, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withUpstream(UpstreamConfig u) {
        return new GatewayConfig(server, u, identity, limits, metering, admin, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withMetering(MeteringConfig m) {
        return new GatewayConfig(server, upstream, identity, limits, m, admin, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withAdmin(AdminConfig a) {
        return new GatewayConfig(server, upstream, identity, limits, metering, a, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withLimits(LimitsConfig l) {
        return new GatewayConfig(server, upstream, identity, l, metering, admin, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withDetection(DetectionSettings d) {
        return new GatewayConfig(server, upstream, identity, limits, metering, admin, policy, alerting, d, watermark,
                events);
    }

    public GatewayConfig withWatermark(WatermarkSettings w) {
        return new GatewayConfig(server, upstream, identity, limits, metering, admin, policy, alerting, detection, w,
                events);
    }

    public GatewayConfig withEvents(EventsConfig e) {
        return new GatewayConfig(server, upstream, identity, limits, metering, admin, policy, alerting, detection,
                watermark, e);
    }

    public GatewayConfig withIdentity(IdentityConfig i) {
        return new GatewayConfig(server, upstream, i, limits, metering, admin, policy, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withPolicy(PolicyConfig p) {
        return new GatewayConfig(server, upstream, identity, limits, metering, admin, p, alerting, detection,
                watermark, events);
    }

    public GatewayConfig withAlerting(AlertingConfig a) {
        return new GatewayConfig(server, upstream, identity, limits, metering, admin, policy, a, detection,
                watermark, events);
    }
}
