package io.distillguard.it;

import io.distillguard.alert.Alert;
import io.distillguard.registry.NewAccount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small extraction campaign driven through a running gateway for the console tests: three accounts sharing one
 * payment card ask real GSM8K questions with a chain-of-thought template while harvesting logprobs with logit_bias
 * (the probing pattern), and one benign customer asks real ShareGPT questions; stops at the first alert.
 */
record ConsoleCampaign(List<String> keys, List<String> accounts, String benignKey, String entityId, Alert alert) {
    private static final String COT = "Solve the following problem. Think step by step and show your internal "
            + "reasoning before the final answer.\n\nProblem: ";

    static ConsoleCampaign run(GatewayFixture gw) throws Exception {
        Path data = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data", "prompts");
        List<String> gsm8k = Files.readAllLines(data.resolve("gsm8k/train.jsonl")).stream().limit(120)
                .map(l -> new JsonObject(l).getString("question")).toList();
        List<String> human = HydraCampaignThroughGatewayTest.sharegptHumanTurns(
                data.resolve("sharegpt/sharegpt_conversations_700.jsonl"), 20);
        var reg = gw.app.registry();
        reg.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
        List<String> keys = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var org = reg.createOrg("org_probe" + i, "probe " + i).orElseThrow();
            String acct = reg.createAccount(new NewAccount("probe" + i, org.id(), "roomy", "mailbox.example",
                    "pf_console_card", null, "web", false)).orElseThrow().id();
            accounts.add(acct);
            keys.add(reg.createKey(acct, "k").orElseThrow().secret());
        }
        var org = reg.createOrg("org_benign", "benign").orElseThrow();
        String benign = reg.createAccount(new NewAccount("benign0", org.id(), "roomy", "corp.example", "pf_benign",
                null, "sales", false)).orElseThrow().id();
        String benignKey = reg.createKey(benign, "app").orElseThrow().secret();
        HttpClient http = HttpClient.newHttpClient();
        for (int q = 0; q < gsm8k.size(); q++) {
            JsonObject body = chat(COT + gsm8k.get(q), 16).put("logprobs", true).put("top_logprobs", 20)
                    .put("logit_bias", new JsonObject().put(String.valueOf(1000 + q), 5));
            send(http, gw, keys.get(q % keys.size()), body, "203.0.113." + (q % 250 + 1), "python-httpx/0.27");
            if (q % 6 == 0) {
                send(http, gw, benignKey, chat(human.get(q / 6 % human.size()), 40), "198.51.100.7", "Mozilla/5.0 app");
            }
            if (q >= 40 && q % 8 == 0 && !gw.app.detection().latestAlerts().isEmpty()) {
                break; // alerted: the policy now throttles the campaign (500 ms a request), enough traffic
            }
        }
        gw.drainDetection(System.currentTimeMillis());
        String entity = gw.app.detection().resolver().entityOf(accounts.getFirst());
        Alert alert = gw.app.detection().latestAlerts().get(entity);
        if (alert == null) {
            var risk = gw.app.detection().query(e -> e.riskOf(entity)).get(30, TimeUnit.SECONDS);
            throw new AssertionError("the campaign raised no alert; entity " + entity + " risk " + risk);
        }
        return new ConsoleCampaign(keys, accounts, benignKey, entity, alert);
    }

    static JsonObject chat(String prompt, int maxTokens) {
        return new JsonObject().put("model", "sim-small").put("max_tokens", maxTokens).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
    }

    static HttpResponse<String> send(HttpClient http, GatewayFixture gw, String key, JsonObject body) throws Exception {
        return send(http, gw, key, body, "192.0.2.1", "Java-http-client");
    }

    /** Sends as a client at {@code ip} (the fixture trusts loopback's X-Forwarded-For) with {@code userAgent}. */
    static HttpResponse<String> send(HttpClient http, GatewayFixture gw, String key, JsonObject body, String ip,
            String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip).header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
