package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.cli.Main;
import io.distillguard.config.IdentityConfig;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.registry.NewAccount;
import io.distillguard.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small linked campaign (four accounts on one card, chain-of-thought prompts over real GSM8K questions) and one
 * unrelated customer go through the real gateway; after it is stopped, {@code distillguard report} writes the evidence
 * package: the campaign's accounts and why they are linked, charts, escaped sample prompts, the watermark test, and an
 * event hash that re-running reproduces and that changes when one stored event is altered.
 */
class CampaignReportTest {
    private static final String COT = "Think step by step and show your internal reasoning before the final answer. "
            + "<script>alert(1)</script>\n\nProblem: ";
    private static final Pattern HASH = Pattern.compile("sha256:([0-9a-f]{64})");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void reportShowsTheLinkedCampaignAndHashesItsEvents() throws Exception {
        Path prompts = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data", "prompts");
        List<String> gsm8k = Files.readAllLines(prompts.resolve("gsm8k/train.jsonl")).stream().limit(40)
                .map(l -> new JsonObject(l).getString("question")).toList();
        List<String> responses = new ArrayList<>();
        try (GatewayFixture gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(),
                c -> c.withIdentity(new IdentityConfig(List.of("127.0.0.0/8"), null)))) {
            var reg = gw.app.registry();
            reg.putTier(GatewayFixture.roomy("roomy")).orElseThrow();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                keys.add(key(gw, "camp" + i, "pf_shared_card"));
            }
            String bystander = key(gw, "bystander", "pf_own_card");
            HttpClient http = HttpClient.newHttpClient();
            int q = 0;
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < keys.size(); i++) {
                    responses.add(chat(http, gw, keys.get(i), "203.0.113." + (10 + i), COT + gsm8k.get(q++)));
                }
                chat(http, gw, bystander, "198.51.100.7", "What is a good name for a bakery?");
            }
        } // closing the gateway commits every event

        Path html = work.resolve("report.html");
        Path keyFile = Files.writeString(work.resolve("key.hex"), "00112233445566778899aabbccddeeff0011223344556677");
        Path texts = work.resolve("texts.jsonl");
        Files.write(texts, responses.stream().map(t -> new JsonObject().put("text", t).encode()).toList());
        Path lines = work.resolve("events.jsonl");
        String out = report("--entity", "camp2", "--data-dir", dataDir.toString(), "--out", html.toString(),
                "--watermark-texts", texts.toString(), "--key-file", keyFile.toString(), "--events-out",
                lines.toString());
        String hash = hash(out);
        assertThat(out).contains("4 accounts, 32 events");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lines))))
                .isEqualTo(hash);

        String page = Files.readString(html);
        assertThat(page).contains("camp0", "camp1", "camp2", "camp3").doesNotContain("bystander");
        assertThat(page).contains("payment fingerprint");
        assertThat(page).contains("<svg", "<polyline", "<circle", "Requests per hour", "reasoning elicitation");
        assertThat(page).contains("sha256:" + hash);
        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).contains("Problem: " + escaped(gsm8k.get(0).substring(0, 40)));
        assertThat(page).contains("entity:ent_", "global"); // watermark test rows for both keys
        assertThat(page).doesNotContain("src=\"http", "href=\"http"); // self-contained

        String again = report("--entity", "camp2", "--data-dir", dataDir.toString(), "--out",
                work.resolve("again.html").toString());
        assertThat(hash(again)).as("re-running verifies the hash").isEqualTo(hash);

        try (Database db = Database.open(dataDir); var c = db.connection(); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE usage_events SET output_tokens = output_tokens + 1 WHERE seq = "
                    + "(SELECT min(seq) FROM usage_events WHERE account_id = 'camp1')")).isEqualTo(1);
        }
        String altered = report("--entity", "camp2", "--data-dir", dataDir.toString(), "--out",
                work.resolve("altered.html").toString());
        assertThat(hash(altered)).as("an altered event changes the hash").isNotEqualTo(hash);
    }

    private static String key(GatewayFixture gw, String id, String payment) {
        var org = gw.app.registry().createOrg("org_" + id, id).orElseThrow();
        gw.app.registry().createAccount(new NewAccount(id, org.id(), "roomy", "example.com", payment, null, "web",
                false)).orElseThrow();
        return gw.app.registry().createKey(id, "k").orElseThrow().secret();
    }

    private static String chat(HttpClient http, GatewayFixture gw, String key, String ip, String prompt)
            throws Exception {
        JsonObject body = new JsonObject().put("model", "sim-small").put("max_tokens", 40).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", prompt)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip).header("User-Agent", "python-httpx/0.27")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message")
                .getString("content");
    }

    private static String report(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "report";
        System.arraycopy(args, 0, full, 1, args.length);
        assertThat(cli.execute(full)).as(err.toString()).isZero();
        return out.toString();
    }

    private static String hash(String output) {
        Matcher m = HASH.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
