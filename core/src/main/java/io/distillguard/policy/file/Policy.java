package io.distillguard.policy.file;

import java.util.List;
import java.util.Optional;

/**
 * A loaded, fully compiled policy: immutable, safe to share between threads and to swap atomically on reload.
 *
 * @param version    the file's version string
 * @param allowlist  entities and accounts never enforced against
 * @param rules      rules in file order
 * @param sha256     hex SHA-256 of the source text (recorded in the audit log on every load)
 */
public record Policy(String version, Allowlist allowlist, List<Rule> rules, String sha256) {

    public Policy {
        rules = List.copyOf(rules);
    }

    public Optional<Rule> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
