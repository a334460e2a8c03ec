package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.alert.Alert;
import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.IdentityConfig;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Tier;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the real gateway on a virtual clock: benign customers send real ShareGPT prompts at human
 * pace, while a 30-account "hydra" campaign (partly shared card, rotating proxy /24s, one chain-of-thought template
 * over real GSM8K questions, timer-driven around the clock) stays far below every per-account limit. DistillGuard links
 * the campaign into one entity with its reasons, alerts on it naming the right signals, enforces the entity's budget
 * across all its accounts, and leaves the benign customers alone.
 */
class HydraCampaignThroughGatewayTest {
    private static final long MIN = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final String COT = "Solve the following problem. Think step by step and show your internal reasoning "
            + "before the final answer.\n\nProblem: ";

    @TempDir
    Path dataDir;

    record Planned(long at, String key, String account, String ip, String ua, String prompt, int maxTokens) {}

    @Test
    void campaignIsLinkedScoredAndHeldToOneEntityBudget() throws Exception {
        Path data = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data", "prompts");
        List<String> human = sharegptHumanTurns(data.resolve("sharegpt/sharegpt_conversations_700.jsonl"), 600);
        List<String> gsm8k = Files.readAllLines(data.resolve("gsm8k/train.jsonl")).stream().limit(1200)
                .map(l -> new JsonObject(l).getString("question")).toList();
        long t0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
        VirtualClock clock = new VirtualClock(t0 - 400 * DAY);
        try (GatewayFixture gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(),
                c -> c.withIdentity(new IdentityConfig(List.of("127.0.0.0/8"), null)),
                DistillGuardApp.Options.defaults().withClock(clock))) {
            var reg = gw.app.registry();
            reg.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
            reg.putTier(new Tier("starter", 1_000, 1_000_000, 1_000_000, 2_000, 4096)).orElseThrow();
            Random rnd = new Random(7);
            List<Planned> plan = new ArrayList<>();
            Set<String> benign = new HashSet<>();
            Set<String> campaign = new HashSet<>();
            for (int i = 0; i < 20; i++) { // long-standing customers, signed up months apart
                clock.advance(15 * DAY);
                String acct = account(gw, "benign" + i, "corp" + i + ".example", "pf_benign_" + i, "roomy");
                benign.add(acct);
                String key = reg.createKey(acct, "app").orElseThrow().secret();
                long t = t0 + rnd.nextInt(8) * 3_600_000L;
                for (int r = 0; r < 25; r++) {
                    t += (long) (-Math.log(1 - rnd.nextDouble()) * 25 * MIN) + 20_000;
                    plan.add(new Planned(t, key, acct, "198.51.100." + (10 + i), "Mozilla/5.0 app-" + i,
                            human.get(rnd.nextInt(human.size())), 60));
                }
            }
            clock.advanceTo(t0 - DAY); // the campaign signs up its accounts within half an hour
            List<String> campaignKeys = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                clock.advance(60_000);
                String acct = account(gw, "hydra" + i, "mailbox" + (i % 3) + ".example",
                        i % 5 < 2 ? "pf_shared_card" : "pf_h" + i, "starter");
                campaign.add(acct);
                campaignKeys.add(reg.createKey(acct, "k").orElseThrow().secret());
            }
            int q = 0;
            for (int round = 0; round < 60; round++) { // every account on a 10-minute timer, round the clock
                for (int i = 0; i < 30; i++) {
                    long at = t0 + round * 10 * MIN + i * 20_000L + rnd.nextInt(2_000);
                    String[] pools = {"203.0.113.", "192.0.2.", "198.18.7."};
                    plan.add(new Planned(at, campaignKeys.get(i), "hydra" + i, pools[(round + i) % 3] + (1 + rnd.nextInt(250)),
                            "python-httpx/0.27", COT + gsm8k.get(q++ % gsm8k.size()), 20));
                }
            }
            plan.sort((a, b) -> Long.compare(a.at(), b.at()));

            HttpClient http = HttpClient.newHttpClient();
            Map<String, Integer> limitedByAccount = new HashMap<>();
            int benign429 = 0;
            for (Planned p : plan) {
                clock.advanceTo(p.at());
                JsonObject body = new JsonObject().put("model", "sim-small").put("max_tokens", p.maxTokens())
                        .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", p.prompt())));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                        .header("Authorization", "Bearer " + p.key()).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", p.ip()).header("User-Agent", p.ua())
                        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 403) { // contained by policy (verification required / suspended)
                    assertThat(p.account()).startsWith("hydra");
                    limitedByAccount.merge(p.account(), 1, Integer::sum);
                } else if (r.statusCode() == 429) {
                    if (p.account().startsWith("benign")) {
                        benign429++;
                    } else {
                        limitedByAccount.merge(p.account(), 1, Integer::sum);
                        assertThat(r.body()).contains("rate_limit_exceeded");
                        assertThat(r.statusCode()).isEqualTo(429);
                    }
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                }
            }
            gw.drainDetection(clock.millis()); // metering and detection catch up, pending entities scored

            // Linking: the campaign is one entity, with its reasons, and no benign account is in it.
            String campaignEntity = gw.app.detection().resolver().entityOf("hydra0");
            var top = gw.app.detection().query(e -> e.riskOf(campaignEntity)).get(30, TimeUnit.SECONDS);
            var members = gw.app.detection().query(e -> Set.copyOf(e.linker().members(campaignEntity)))
                    .get(30, TimeUnit.SECONDS);
            assertThat(members).doesNotContainAnyElementsOf(benign);
            assertThat(members.size()).isGreaterThanOrEqualTo(15); // 19 of 30 after 10 h here; 28 after 17 h
            // Scoring: the entity's risk rests on the right evidence (reasoning-trace elicitation, machine timing).
            assertThat(top.score()).isGreaterThan(0.65); // content alone weighs 0.6: more evidence than content
            assertThat(top.signal("content").reading().score()).isEqualTo(1.0);
            assertThat(top.signal("timing_regularity").reading().score()).isGreaterThan(0.9);
            for (var rs : gw.app.detection().topRisk(200)) {
                var m = gw.app.detection().query(e -> Set.copyOf(e.linker().members(rs.entityId()))).get();
                if (m.stream().anyMatch(benign::contains)) {
                    assertThat(rs.score()).as("benign entity %s", rs.entityId()).isLessThan(0.5);
                }
            }
            for (Alert a : gw.app.detection().latestAlerts().values()) {
                assertThat(a.accounts()).as("benign accounts alerted").doesNotContainAnyElementsOf(benign);
            }
            // The entity's budget (2,000 output tokens a day for the whole entity) binds across its accounts even
            // though no single account came near its own 2,000: per-key limits alone would have let all of it through.
            assertThat(benign429).isZero();
            assertThat(limitedByAccount.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(500);
            assertThat(limitedByAccount.size()).isGreaterThanOrEqualTo(15);

            HttpResponse<String> entity = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gw.app.adminPort() + "/admin/detection/entities/" + top.entityId()))
                    .header("Authorization", "Bearer " + gw.app.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(entity.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(entity.body()).getJsonArray("link_reasons").encode())
                    .contains("payment fingerprint");
        }
    }

    private static String account(GatewayFixture gw, String id, String domain, String payment, String tier) {
        var org = gw.app.registry().createOrg("org_" + id, id).orElseThrow();
        return gw.app.registry().createAccount(new NewAccount(id, org.id(), tier, domain, payment, null, "web", false))
                .orElseThrow().id();
    }

    static List<String> sharegptHumanTurns(Path file, int max) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            for (Object o : new JsonObject(line).getJsonArray("conversations")) {
                JsonObject turn = (JsonObject) o;
                String text = turn.getString("value");
                if ("human".equals(turn.getString("from")) && text != null && text.length() > 20 && text.length() < 4000) {
                    out.add(text);
                }
            }
            if (out.size() >= max) {
                break;
            }
        }
        return out;
    }
}
