package io.distillguard.admin;

import io.distillguard.registry.Account;
import io.distillguard.registry.AccountStatus;
import io.distillguard.registry.ImportError;
import io.distillguard.registry.ImportReport;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Outcome;
import io.distillguard.registry.Registry;
import io.distillguard.registry.RegistryImporter;
import io.distillguard.registry.Tier;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The admin API's request handlers: JSON in, registry call (writes on a worker thread), JSON out. */
final class RegistryHandlers {

    private final Vertx vertx;
    private final Registry registry;
    private final RegistryImporter importer;

    RegistryHandlers(Vertx vertx, Registry registry) {
        this.vertx = vertx;
        this.registry = registry;
        this.importer = new RegistryImporter(registry);
    }

    void createOrg(RoutingContext ctx) {
        JsonObject b = body(ctx);
        String name = string(b, "name");
        change(ctx, 201, () -> registry.createOrg(string(b, "id"), name), AdminJson::org);
    }

    void listOrgs(RoutingContext ctx) {
        ok(ctx, 200, AdminJson.list(registry.orgs(), AdminJson::org));
    }

    void getOrg(RoutingContext ctx) {
        found(ctx, "organization", registry.org(ctx.pathParam("id")).map(AdminJson::org));
    }

    void createAccount(RoutingContext ctx) {
        JsonObject b = body(ctx);
        NewAccount spec = new NewAccount(string(b, "id"), string(b, "org_id"), string(b, "tier"),
                string(b, "email_domain"), string(b, "payment_fingerprint_hash"), string(b, "verified_id_hash"),
                string(b, "signup_path"), bool(b, "verified"));
        change(ctx, 201, () -> registry.createAccount(spec), AdminJson::account);
    }

    void listAccounts(RoutingContext ctx) {
        String org = ctx.request().getParam("org_id");
        ok(ctx, 200, AdminJson.list(org == null ? registry.accounts() : registry.accountsOf(org), AdminJson::account));
    }

    void getAccount(RoutingContext ctx) {
        found(ctx, "account", registry.account(ctx.pathParam("id")).map(AdminJson::account));
    }

    /** Body {@code {"tier": .., "status": ..}}, either or both. */
    void patchAccount(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        JsonObject b = body(ctx);
        String tier = string(b, "tier");
        String statusText = string(b, "status");
        AccountStatus status = AccountStatus.parse(statusText);
        if (tier == null && statusText == null) {
            throw new BadInput(null, "give tier, status or both");
        }
        if (statusText != null && status == null) {
            throw new BadInput("status", "status must be active, suspended or closed, got: " + statusText);
        }
        change(ctx, 200, () -> {
            Outcome<Account> out = registry.account(id).<Outcome<Account>>map(Outcome.Ok::new)
                    .orElse(new Outcome.Rejected<>("not_found", "id", "account " + id + " does not exist"));
            if (tier != null) {
                out = registry.setAccountTier(id, tier);
            }
            if (status != null && out instanceof Outcome.Ok<Account>) {
                out = registry.setAccountStatus(id, status);
            }
            return out;
        }, AdminJson::account);
    }

    void createKey(RoutingContext ctx) {
        String account = ctx.pathParam("id");
        JsonObject b = ctx.body().isEmpty() ? new JsonObject() : body(ctx);
        String keyId = string(b, "id");
        String name = string(b, "name");
        change(ctx, 201, () -> keyId == null ? registry.createKey(account, name)
                : registry.createKey(keyId, account, name), AdminJson::issued);
    }

    void listKeys(RoutingContext ctx) {
        String account = ctx.pathParam("id");
        if (registry.account(account).isEmpty()) {
            AdminErrors.send(ctx, 404, "not_found", "id", "account " + account + " does not exist");
            return;
        }
        ok(ctx, 200, AdminJson.list(registry.keysOf(account), AdminJson::key));
    }

    void revokeKey(RoutingContext ctx) {
        String key = ctx.pathParam("id");
        change(ctx, 200, () -> registry.revokeKey(key), AdminJson::key);
    }

    void listTiers(RoutingContext ctx) {
        ok(ctx, 200, AdminJson.list(registry.tiers(), AdminJson::tier));
    }

    void getTier(RoutingContext ctx) {
        found(ctx, "tier", registry.tier(ctx.pathParam("name")).map(AdminJson::tier));
    }

    void putTier(RoutingContext ctx) {
        JsonObject b = body(ctx);
        String name = ctx.pathParam("name");
        long ceiling = positive(b, "max_tokens_ceiling");
        if (ceiling > Integer.MAX_VALUE) {
            throw new BadInput("max_tokens_ceiling", "max_tokens_ceiling must be at most " + Integer.MAX_VALUE);
        }
        Tier tier;
        try {
            tier = new Tier(name, positive(b, "requests_per_minute"), positive(b, "input_tokens_per_minute"),
                    positive(b, "output_tokens_per_minute"), positive(b, "output_tokens_per_day"), (int) ceiling);
        } catch (IllegalArgumentException e) {
            throw new BadInput("name", e.getMessage());
        }
        change(ctx, 200, () -> registry.putTier(tier), AdminJson::tier);
    }

    /** A YAML ({@code application/yaml}, {@code text/yaml}) or CSV ({@code text/csv}) body; see {@link RegistryImporter}. */
    void importFile(RoutingContext ctx) {
        String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("").toLowerCase();
        String text = ctx.body().asString();
        Callable<ImportReport> run;
        if (type.startsWith("text/csv")) {
            run = () -> importer.importCsv(text);
        } else if (type.contains("yaml")) {
            run = () -> importer.importYaml(text);
        } else {
            AdminErrors.send(ctx, 415, "unsupported_media_type", null,
                    "send the import as text/csv or application/yaml, not '" + type + "'");
            return;
        }
        vertx.executeBlocking(run, false).onSuccess(report -> {
            if (report.ok()) {
                ok(ctx, 200, AdminJson.importReport(report));
            } else {
                AdminErrors.send(ctx, 400, "invalid_import", null, "nothing imported; " + report.errors().size()
                        + " error(s): " + report.errors().stream().map(ImportError::toString)
                        .collect(Collectors.joining("; ")));
            }
        }).onFailure(ctx::fail);
    }

    // ---- plumbing

    private <T> void change(RoutingContext ctx, int status, Callable<Outcome<T>> call, Function<T, JsonObject> json) {
        vertx.executeBlocking(call, false).onSuccess(outcome -> {
            switch (outcome) {
                case Outcome.Ok<T> o -> ok(ctx, status, json.apply(o.value()));
                case Outcome.Rejected<T> r -> AdminErrors.rejected(ctx, r);
            }
        }).onFailure(ctx::fail);
    }

    private static void found(RoutingContext ctx, String what, Optional<JsonObject> json) {
        json.ifPresentOrElse(j -> ok(ctx, 200, j), () -> AdminErrors.send(ctx, 404, "not_found", null,
                what + " " + ctx.pathParams().values().iterator().next() + " does not exist"));
    }

    private static void ok(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            if (b == null) {
                throw new BadInput(null, "expected a JSON object body");
            }
            return b;
        } catch (DecodeException e) {
            throw new BadInput(null, "the body is not valid JSON");
        }
    }

    private static String string(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new BadInput(field, field + " must be a string");
    }

    private static boolean bool(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        throw new BadInput(field, field + " must be true or false");
    }

    private static long positive(JsonObject b, String field) {
        Object v = b.getValue(field);
        if (v instanceof Number n && n.longValue() >= 1 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new BadInput(field, field + " must be a whole number >= 1");
    }
}
