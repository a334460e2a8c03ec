package io.distillguard.config;

import java.util.List;

/**
 * How the gateway learns who is on the other end of a connection.
 *
 * @param trustedProxies    CIDRs of proxies whose X-Forwarded-For is believed (none by default)
 * @param fingerprintHeader header a fronting proxy sets with the client's TLS/JA4 fingerprint, or null
 */
public record IdentityConfig(List<String> trustedProxies, String fingerprintHeader) {

    public IdentityConfig {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        trustedProxies.forEach(io.distillguard.gateway.Cidr::parse); // fail at start on a bad entry
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(List.of(), null);
    }
}
