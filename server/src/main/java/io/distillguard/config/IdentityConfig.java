package io.distillguard.config;

import java.util.List;

/**
 * How the gateway learns who is on the other end of a connection.
 *
 * @param trustedProxies    CIDRs of proxies whose X-Forwarded-For is believed (none by default)
 * @param fingerprintHeader header a fronting proxy sets with the client's TLS/JA4 fingerprint, or null
 * @param asnDatabase       prefix-to-ASN file in iptoasn.com's format (v4, v6 or combined TSV); when set, the
 *                          linker resolves each client address to its ASN and weighs a shared ASN by rarity
 */
public record IdentityConfig(List<String> trustedProxies, String fingerprintHeader, String asnDatabase) {

    public IdentityConfig {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        trustedProxies.forEach(io.distillguard.gateway.Cidr::parse); // fail at start on a bad entry
    }

    public IdentityConfig(List<String> trustedProxies, String fingerprintHeader) {
        this(trustedProxies, fingerprintHeader, null);
    }

    public static IdentityConfig defaults() {
        return new IdentityConfig(List.of(), null, null);
    }

    public IdentityConfig withAsnDatabase(String file) {
        return new IdentityConfig(trustedProxies, fingerprintHeader, file);
    }
}
