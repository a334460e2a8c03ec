package io.distillguard.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.distillguard.config.IdentityConfig;
import io.distillguard.demo.SimulatorConfig;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst console in a real browser (Debian's Chromium driven by Playwright) against a real gateway: a wrong
 * credential is refused; the analyst signs in, sees the overview with the campaign's entity, opens it, blocks it with
 * a reason, and the entity's next API request is refused; an alert is triaged durably; the policy backtest and the
 * keys page work; the session cookie is HttpOnly and SameSite=Strict, a state change without the CSRF token is refused,
 * and nothing of the console answers on the public API port. Screenshots go to {@code target/console-screenshots}.
 */
class ConsoleEndToEndTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    @TempDir
    Path dataDir;

    @Test
    void analystSignsInOpensTheAlertingEntityAndBlocksIt() throws Exception {
        requireChromium();
        Files.createDirectories(SHOTS);
        HttpClient http = HttpClient.newHttpClient();
        try (GatewayFixture gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(),
                c -> c.withIdentity(new IdentityConfig(List.of("127.0.0.0/8"), null)));
             Playwright pw = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            ConsoleCampaign campaign = ConsoleCampaign.run(gw);
            assertThat(gw.app.detection().resolver().entityOf("benign0")).isNotEqualTo(campaign.entityId());
            String console = gw.app.consoleUrl();
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
            Page page = context.newPage();
            List<String> pageErrors = new java.util.ArrayList<>();
            page.onPageError(pageErrors::add);

            // A wrong credential is refused (after the sign-in delay) and leaves no session.
            page.navigate(console);
            page.fill("#token", "not-the-admin-token");
            page.click("#sign-in-form button");
            assertThat(page.locator("#sign-in-error")).containsText("wrong credential");
            assertThat(page.locator("#nav")).isHidden();
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("sign-in-refused.png")));

            // Sign in; the overview lists the campaign's entity among the top risks and its alert in the stream.
            page.fill("#token", gw.app.adminToken());
            page.click("#sign-in-form button");
            assertThat(page.locator("#nav")).isVisible();
            assertThat(page.locator("#top-entities")).containsText(campaign.entityId());
            assertThat(page.locator("#alert-stream")).containsText(campaign.entityId());
            assertThat(page.locator("#health")).containsText("detection queue depth");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("overview.png")).setFullPage(true));

            // The session cookie is HttpOnly, SameSite=Strict, and scoped to the console.
            Cookie session = context.cookies().stream().filter(c -> c.name.equals("dg_console_session")).findFirst()
                    .orElseThrow();
            assertThat(session.httpOnly).isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
            assertThat(session.path).isEqualTo("/console");

            // Open the alerting entity: its accounts, the reason of the link, the risk and the sample prompts.
            page.locator("#top-entities a", new Page.LocatorOptions().setHasText(campaign.entityId())).click();
            assertThat(page.locator("#entity-id")).hasText(campaign.entityId());
            assertThat(page.locator("#link-reasons")).containsText("payment fingerprint");
            assertThat(page.locator("#graph canvas").first()).isVisible();
            assertThat(page.locator("#sample-prompts")).containsText("Think step by step");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("entity.png")).setFullPage(true));

            // The campaign's keys are not suspended until the analyst blocks the entity (the default policy's own
            // block rule runs in shadow mode).
            assertThat(ConsoleCampaign.send(http, gw, campaign.keys().get(1), ConsoleCampaign.chat("hello", 8))
                    .body()).doesNotContain("account_suspended");
            page.locator("#act-form button").click(); // no reason: refused in the page, nothing applied
            assertThat(page.locator("#act-form .status")).hasText("a reason is required");
            page.selectOption("#action", "block");
            page.fill("#act-form input[name=reason]", "probing logprobs with a shared card across three accounts");
            page.locator("#act-form button").click();
            assertThat(page.locator("#act-form .status")).containsText("block in force");
            for (String key : campaign.keys()) {
                HttpResponse<String> refused = ConsoleCampaign.send(http, gw, key, ConsoleCampaign.chat("hello", 8));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(refused.body()).contains("account_suspended");
            }
            assertThat(ConsoleCampaign.send(http, gw, campaign.benignKey(), ConsoleCampaign.chat("hello", 8))
                    .statusCode()).isEqualTo(200);
            assertThat(Files.readString(gw.app.policy().auditPath()))
                    .contains("probing logprobs with a shared card");

            // Alerts page: acknowledge the campaign's alert with a reason; the verdict is stored in DuckDB.
            page.navigate(console + "#/alerts");
            var row = page.locator("tr[data-alert='" + campaign.alert().id() + "']");
            row.locator("select[name=state]").selectOption("escalated");
            row.locator("input[name=reason]").fill("confirmed distillation campaign");
            row.locator("button").click();
            assertThat(row.locator(".pill")).hasText("escalated");
            assertThat(gw.app.store().query("SELECT state, reason FROM alert_triage WHERE alert_id = ?",
                    campaign.alert().id())).containsExactly(Map.of("state", "ESCALATED",
                    "reason", "confirmed distillation campaign"));
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("alerts.png")).setFullPage(true));

            // Policies page: the rules in force, and a backtest over the stored events.
            page.navigate(console + "#/policies");
            assertThat(page.locator("#rules")).containsText("block");
            page.click("#backtest-form button");
            assertThat(page.locator("#backtest-totals")).containsText("events replayed");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("policies.png")).setFullPage(true));

            // Keys and accounts: search finds the campaign's accounts.
            page.navigate(console + "#/keys");
            page.fill("#account-search", "probe");
            assertThat(page.locator("#accounts tbody tr")).hasCount(3);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("keys.png")).setFullPage(true));

            // With a valid session cookie but without (or with a wrong) CSRF token, a state change is refused.
            String cookie = "dg_console_session=" + session.value;
            URI actions = URI.create(console + "api/admin/actions");
            String lift = new JsonObject().put("scope", "entity").put("id", campaign.entityId())
                    .put("reason", "forged").put("operator", "attacker").encode();
            HttpResponse<String> withoutToken = http.send(HttpRequest.newBuilder(URI.create(console + "api/admin/actions/lift"))
                    .header("Cookie", cookie).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(lift)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withoutToken.statusCode()).isEqualTo(403);
            assertThat(withoutToken.body()).contains("csrf_token_invalid");
            HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(actions).header("Cookie", cookie)
                    .header("X-CSRF-Token", "0".repeat(64)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(lift)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            assertThat(ConsoleCampaign.send(http, gw, campaign.keys().get(0), ConsoleCampaign.chat("hi", 8)).statusCode())
                    .as("the forged lift changed nothing").isEqualTo(403);
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(console + "api/overview"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("the cookie itself is valid").isEqualTo(200);
            assertThat(new JsonObject(read.body()).getJsonArray("actions").stream().map(a -> ((JsonObject) a)
                    .getString("action") + "@" + ((JsonObject) a).getString("scope")))
                    .as("the overview's actions in force").contains("block@entity:" + campaign.entityId());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(console + "api/overview"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            // Nothing of the console is served on the public API port.
            String publicBase = "http://127.0.0.1:" + gw.app.port();
            for (String path : List.of("/console/", "/console/js/app.js", "/console/api/overview")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(publicBase + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isGreaterThanOrEqualTo(400);
                assertThat(r.body()).doesNotContain("DistillGuard console").doesNotContain("import");
            }
            assertThat(pageErrors).as("JavaScript errors in the page").isEmpty();
            context.close();
        }
    }

    /** Skips without Chromium, unless CI is set: then a missing browser fails the build with a clear message. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is missing: install it with `apt-get install -y --no-install-recommends "
                    + "chromium` (.ci/run does this)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
    }
}
