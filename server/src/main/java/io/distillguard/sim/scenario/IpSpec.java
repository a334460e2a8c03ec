package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * Where an account's requests come from. {@code pools} are IPv4 /24 prefixes written {@code 203.0.113.0/24}.
 * {@code sticky}: each account keeps one address (account i in pool i mod n); {@code single}: every account of the
 * population shares the first pool's first address (a corporate NAT, a reseller's server); {@code rotating}: every
 * request picks a random pool and host (a rotating proxy network), or a new address every {@code rotate_every}
 * requests of the account. {@code asn} is the autonomous system announcing every pool, or {@code asns} one per pool
 * (a proxy network spread over several operators); the in-process harness writes them into the gateway's ASN
 * database, so that the linker sees them. Pools without an ASN resolve to none.
 */
public record IpSpec(List<String> pools, Mode mode, Integer rotateEvery, Integer asn, List<Integer> asns) {

    /** How addresses are handed out. */
    public enum Mode {
        STICKY, SINGLE, ROTATING;

        @JsonCreator
        public static Mode parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public IpSpec {
        pools = pools == null || pools.isEmpty() ? List.of("198.51.100.0/24") : List.copyOf(pools);
        mode = mode == null ? Mode.STICKY : mode;
        rotateEvery = rotateEvery == null ? 1 : rotateEvery;
        for (String p : pools) {
            if (!p.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.0/24")) {
                throw new IllegalArgumentException("ip pool must be an IPv4 /24 like 203.0.113.0/24: " + p);
            }
        }
        if (rotateEvery < 1) {
            throw new IllegalArgumentException("rotate_every must be >= 1");
        }
        if (asn != null && asns != null) {
            throw new IllegalArgumentException("give asn (every pool) or asns (one per pool), not both");
        }
        asns = asns == null ? null : List.copyOf(asns);
        if (asns != null && asns.size() != pools.size()) {
            throw new IllegalArgumentException("asns needs one ASN per pool: " + asns.size() + " for "
                    + pools.size() + " pools");
        }
        for (Integer a : asns == null ? java.util.Collections.singletonList(asn) : asns) {
            if (a != null && (a < 1 || a > 0x7fffffff)) {
                throw new IllegalArgumentException("an ASN is a positive number: " + a);
            }
        }
    }

    /** The ASN of pool {@code i}, or null when the scenario gives none. */
    public Integer asnOf(int i) {
        return asns != null ? asns.get(Math.floorMod(i, pools.size())) : asn;
    }

    public static IpSpec defaults() {
        return new IpSpec(null, null, null, null, null);
    }

    /** The first three octets of pool {@code i}, with the trailing dot. */
    public String prefix(int i) {
        String p = pools.get(Math.floorMod(i, pools.size()));
        return p.substring(0, p.length() - "0/24".length());
    }
}
