package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.app.DistillGuardApp;
import io.distillguard.cli.Main;
import io.distillguard.config.IdentityConfig;
import io.distillguard.config.PolicyConfig;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.registry.NewAccount;
import io.distillguard.time.VirtualClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy backtest reproduces the live run: a two-account chain-of-thought campaign over real GSM8K questions and
 * three customers sending real ShareGPT prompts at human pace go through the real gateway under a policy that requires
 * verification at risk 0.3; after the gateway stops, {@code distillguard policy backtest} over the same data directory
 * with the same policy actions exactly the entities the live run actioned, and counts as refused exactly the stored
 * events of the actioned entity that came after its decision.
 */
class PolicyBacktestTest {
    private static final long MIN = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final String COT = "Solve the following problem. Think step by step and show your internal reasoning "
            + "before the final answer.\n\nProblem: ";
    private static final String POLICY = """
            version: "backtest-1"
            rules:
              - name: verify-risky
                when: entity.risk >= 0.3
                action: require_verification
                params: {message: "Verify your organisation to continue."}
                duration: 7d
                mode: enforce
            """;

    @TempDir
    Path dir;

    record Planned(long at, String key, String account, String ip, String ua, String prompt, int maxTokens) {}

    @Test
    void backtestActionsTheEntitiesTheLiveRunActioned() throws Exception {
        Path data = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data", "prompts");
        List<String> human = HydraCampaignThroughGatewayTest.sharegptHumanTurns(
                data.resolve("sharegpt/sharegpt_conversations_700.jsonl"), 200);
        List<String> gsm8k = Files.readAllLines(data.resolve("gsm8k/train.jsonl")).stream().limit(200)
                .map(l -> new JsonObject(l).getString("question")).toList();
        Path policyFile = Files.writeString(dir.resolve("policy.yaml"), POLICY);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        long t0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
        VirtualClock clock = new VirtualClock(t0 - 60 * DAY);
        Set<String> campaign = new HashSet<>();
        Set<String> benign = new HashSet<>();
        int live403 = 0;
        try (GatewayFixture gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(), c -> c
                        .withIdentity(new IdentityConfig(List.of("127.0.0.0/8"), null))
                        .withPolicy(PolicyConfig.defaults().withFile(policyFile.toString())),
                DistillGuardApp.Options.defaults().withClock(clock))) {
            var reg = gw.app.registry();
            reg.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
            Random rnd = new Random(11);
            List<Planned> plan = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // long-standing customers at human pace
                clock.advance(10 * DAY);
                String acct = account(gw, "bt_benign" + i, "corp" + i + ".example", "pf_benign_" + i);
                benign.add(acct);
                String key = reg.createKey(acct, "app").orElseThrow().secret();
                long t = t0 + rnd.nextInt(4) * 3_600_000L;
                for (int r = 0; r < 40; r++) {
                    t += (long) (-Math.log(1 - rnd.nextDouble()) * 20 * MIN) + 20_000;
                    plan.add(new Planned(t, key, acct, "198.51.100." + (10 + i), "Mozilla/5.0 app-" + i,
                            human.get(rnd.nextInt(human.size())), 60));
                }
            }
            clock.advanceTo(t0 - DAY); // the campaign signs up the day before, one card for both accounts
            int q = 0;
            for (int i = 0; i < 2; i++) {
                String acct = account(gw, "bt_hydra" + i, "mailbox.example", "pf_shared_card");
                campaign.add(acct);
                String key = reg.createKey(acct, "k").orElseThrow().secret();
                for (int r = 0; r < 60; r++) { // a one-minute timer
                    plan.add(new Planned(t0 + r * MIN + i * 20_000L + rnd.nextInt(1_000), key, acct,
                            "203.0.113." + (1 + rnd.nextInt(250)), "python-httpx/0.27", COT + gsm8k.get(q++), 20));
                }
            }
            plan.sort((a, b) -> Long.compare(a.at(), b.at()));
            HttpClient http = HttpClient.newHttpClient();
            for (Planned p : plan) {
                clock.advanceTo(p.at());
                JsonObject body = new JsonObject().put("model", "sim-small").put("max_tokens", p.maxTokens())
                        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", p.prompt())));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                        .header("Authorization", "Bearer " + p.key()).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", p.ip()).header("User-Agent", p.ua())
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 403) {
                    assertThat(r.body()).contains("Verify your organisation");
                    live403++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                }
            }
            gw.drainDetection(clock.millis()); // metering and detection catch up, pending entities scored
        }

        // What the live run actioned, from its audit log.
        ObjectMapper json = new ObjectMapper();
        Set<String> liveEntities = new TreeSet<>();
        Set<String> liveAccounts = new TreeSet<>();
        for (String line : Files.readAllLines(dataDir.resolve("audit.jsonl"))) {
            JsonNode rec = json.readTree(line);
            if (rec.path("type").asText().equals("decision")) {
                assertThat(rec.path("scope").asText()).startsWith("entity:");
                liveEntities.add(rec.path("scope").asText().substring("entity:".length()));
                rec.path("accounts").forEach(a -> liveAccounts.add(a.asText()));
            }
        }
        assertThat(liveAccounts).containsAll(campaign).doesNotContainAnyElementsOf(benign);
        assertThat(live403).isPositive();

        // The backtest, in process, over the same data directory and policy.
        Path out = dir.resolve("report.json");
        int rc = Main.commandLine().execute("policy", "backtest", "--policy", policyFile.toString(),
                "--data-dir", dataDir.toString(), "--out", out.toString());
        assertThat(rc).isZero();
        JsonNode report = json.readTree(out.toFile());
        assertThat(report.path("policy_version").asText()).isEqualTo("backtest-1");
        assertThat(report.path("events").asLong()).isEqualTo(3 * 40 + 2 * 60);
        Set<String> backtestEntities = new TreeSet<>();
        report.path("entities").forEach(e -> backtestEntities.add(e.path("entity").asText()));
        assertThat(backtestEntities).isEqualTo(liveEntities);

        JsonNode hydra = report.path("entities").get(0);
        List<String> accounts = new ArrayList<>();
        hydra.path("accounts").forEach(a -> accounts.add(a.asText()));
        assertThat(accounts).containsExactlyInAnyOrderElementsOf(campaign);
        assertThat(hydra.path("rule").asText()).isEqualTo("verify-risky");
        assertThat(hydra.path("action").asText()).isEqualTo("require_verification");
        assertThat(hydra.path("mode").asText()).isEqualTo("enforce");
        // Refused: the campaign's stored events after the decision (at its own instant: the triggering event passed).
        Instant decidedAt = Instant.parse(hydra.path("first_decision_at").asText());
        assertThat(decidedAt).isBetween(Instant.ofEpochMilli(t0), Instant.ofEpochMilli(t0 + 60 * MIN));
        List<long[]> after = campaignEventsAfter(dataDir, campaign, decidedAt);
        long refused = hydra.path("requests_refused").asLong();
        assertThat(refused).isPositive().isGreaterThanOrEqualTo(after.size())
                .isGreaterThanOrEqualTo(live403);
        assertThat(hydra.path("tokens_withheld").asLong())
                .isGreaterThanOrEqualTo(after.stream().mapToLong(e -> e[1]).sum());
        assertThat(report.path("totals").path("requests_refused").asLong()).isEqualTo(refused);
        // The log was recorded under enforcement: the requests refused live carry no output, so their withheld tokens
        // are estimated from each campaign account's own earlier answers (at most max_tokens = 20 each).
        long observed = after.stream().mapToLong(e -> e[1]).sum();
        long estimated = hydra.path("tokens_withheld_estimated").asLong();
        assertThat(hydra.path("requests_refused_live").asLong()).isEqualTo(live403);
        assertThat(hydra.path("requests_unestimated").asLong()).isZero();
        assertThat(estimated).isPositive().isLessThanOrEqualTo(20L * live403);
        assertThat(hydra.path("tokens_withheld").asLong() - estimated).as("recorded part").isGreaterThanOrEqualTo(observed);
    }

    /** The campaign's stored events strictly after {@code at}: (timestamp, output tokens). */
    private static List<long[]> campaignEventsAfter(Path dataDir, Set<String> campaign, Instant at) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (var db = io.distillguard.store.Database.open(dataDir);
                var store = new io.distillguard.store.EventStore(db, io.distillguard.store.EventStoreConfig.DEFAULTS)) {
            store.replay(at.plusMillis(1), io.distillguard.backtest.BacktestWindow.END, e -> {
                if (campaign.contains(e.accountId())) {
                    out.add(new long[] {e.timestampMs(), e.outputTokens()});
                }
            });
        }
        return out;
    }

    private static String account(GatewayFixture gw, String id, String domain, String payment) {
        var org = gw.app.registry().createOrg("org_" + id, id).orElseThrow();
        return gw.app.registry().createAccount(new NewAccount(id, org.id(), "roomy", domain, payment, null, "web", false))
                .orElseThrow().id();
    }
}
