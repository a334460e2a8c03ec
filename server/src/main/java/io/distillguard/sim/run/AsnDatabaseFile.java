package io.distillguard.sim.run;

import io.distillguard.sim.scenario.IpSpec;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the ASNs a scenario gives its IP pools as an ASN database in the {@code ip2asn-v4.tsv} format the gateway
 * reads ({@code identity.asnDatabase}), so that the gateway under test resolves the simulated addresses the way a
 * production gateway resolves real ones. Two populations giving one pool different ASNs is a scenario error.
 */
public final class AsnDatabaseFile {
    private AsnDatabaseFile() {
    }

    /** Writes {@code dir/asn.tsv} and returns it, or returns null when no pool has an ASN. */
    public static Path write(Scenario scenario, Path dir) throws IOException {
        Map<String, Integer> asnOfPool = pools(scenario);
        if (asnOfPool.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("# written by the harness from scenario ").append(scenario.name())
                .append('\n');
        asnOfPool.forEach((prefix, asn) -> out.append(prefix).append('0').append('\t').append(prefix).append("255")
                .append('\t').append(asn).append("\tZZ\tsim-AS").append(asn).append('\n'));
        Path file = dir.resolve("asn.tsv");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    /** Fails with the reason when two populations give one pool different ASNs. */
    public static void check(Scenario scenario) {
        pools(scenario);
    }

    /** Pool prefix ("203.0.113.") -> ASN, for every pool a population gives an ASN. */
    static Map<String, Integer> pools(Scenario scenario) {
        Map<String, Integer> asnOfPool = new TreeMap<>();
        Map<String, String> givenBy = new TreeMap<>();
        for (PopulationSpec p : scenario.populations()) {
            IpSpec ip = p.attributes().ip();
            for (int i = 0; i < ip.pools().size(); i++) {
                Integer asn = ip.asnOf(i);
                if (asn == null) {
                    continue;
                }
                String prefix = ip.prefix(i);
                Integer before = asnOfPool.putIfAbsent(prefix, asn);
                if (before != null && !before.equals(asn)) {
                    throw new IllegalArgumentException("pool " + ip.pools().get(i) + " is AS" + before + " in "
                            + givenBy.get(prefix) + " but AS" + asn + " in " + p.name());
                }
                givenBy.putIfAbsent(prefix, p.name());
            }
        }
        return asnOfPool;
    }
}
