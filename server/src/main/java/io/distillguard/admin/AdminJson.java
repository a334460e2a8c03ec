package io.distillguard.admin;

import io.distillguard.registry.Account;
import io.distillguard.registry.ApiKey;
import io.distillguard.registry.ImportReport;
import io.distillguard.registry.IssuedKey;
import io.distillguard.registry.Organization;
import io.distillguard.registry.Tier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The admin API's JSON shapes: snake_case fields and an {@code object} type tag as in OpenAI's APIs, instants as
 * ISO-8601. Key hashes and salts never appear; a secret appears once, in the answer that created the key.
 */
final class AdminJson {

    private AdminJson() {
    }

    static JsonObject org(Organization o) {
        return new JsonObject().put("object", "organization").put("id", o.id()).put("name", o.name())
                .put("created_at", iso(o.createdAt()));
    }

    static JsonObject account(Account a) {
        return new JsonObject().put("object", "account").put("id", a.id()).put("org_id", a.orgId())
                .put("tier", a.tierName()).put("status", a.status().wire()).put("created_at", iso(a.createdAt()))
                .put("email_domain", a.emailDomain()).put("payment_fingerprint_hash", a.paymentFingerprintHash())
                .put("verified_id_hash", a.verifiedIdHash()).put("signup_path", a.signupPath())
                .put("verified", a.verified());
    }

    static JsonObject key(ApiKey k) {
        return new JsonObject().put("object", "api_key").put("id", k.id()).put("account_id", k.accountId())
                .put("name", k.name()).put("created_at", iso(k.createdAt())).put("revoked_at", iso(k.revokedAt()));
    }

    static JsonObject issued(IssuedKey k) {
        return key(k.key()).put("secret", k.secret());
    }

    static JsonObject tier(Tier t) {
        return new JsonObject().put("object", "tier").put("name", t.name())
                .put("requests_per_minute", t.requestsPerMinute())
                .put("input_tokens_per_minute", t.inputTokensPerMinute())
                .put("output_tokens_per_minute", t.outputTokensPerMinute())
                .put("output_tokens_per_day", t.outputTokensPerDay())
                .put("max_tokens_ceiling", t.maxTokensCeiling());
    }

    static JsonObject importReport(ImportReport r) {
        return new JsonObject().put("object", "import").put("created", r.created()).put("updated", r.updated())
                .put("unchanged", r.unchanged()).put("issued_keys", new JsonArray(r.issuedKeys().stream()
                        .map(AdminJson::issued).toList()));
    }

    static <T> JsonObject list(List<T> items, Function<T, JsonObject> json) {
        return new JsonObject().put("object", "list").put("data", new JsonArray(items.stream().map(json).toList()));
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
