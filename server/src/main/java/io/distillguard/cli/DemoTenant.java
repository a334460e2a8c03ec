package io.distillguard.cli;

import io.distillguard.registry.AuthResult;
import io.distillguard.registry.IssuedKey;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo's ready-made customer: one organisation, one account and one API key. The key's secret is kept in the
 * data directory (demo only: production never stores a secret) so that a second run prints the same key.
 */
record DemoTenant(String orgId, String accountId, String apiKey) {
    static final String FILE = "demo-api-key";

    static DemoTenant ensure(Registry registry, Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            String secret = Files.readString(file).trim();
            if (registry.authenticate(secret) instanceof AuthResult.Authenticated a) {
                return new DemoTenant(a.principal().org().id(), a.principal().account().id(), secret);
            }
        }
        var org = registry.org("org_demo").orElseGet(() -> registry.createOrg("org_demo", "Demo Organisation")
                .orElseThrow());
        var account = registry.account("acct_demo").orElseGet(() -> registry.createAccount(new NewAccount("acct_demo",
                org.id(), "tier-1", "demo.example", null, null, "web", false)).orElseThrow());
        IssuedKey issued = registry.createKey(account.id(), "demo key").orElseThrow();
        Files.writeString(file, issued.secret() + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return new DemoTenant(org.id(), account.id(), issued.secret());
    }
}
