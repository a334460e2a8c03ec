package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.registry.AuthResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator overrides linking through the admin API: merge two accounts, split one out, allowlist one. */
class LinkingAdminApiTest {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mergeSplitAndAllowlistChangeWhichEntityTheGatewayEnforces() throws Exception {
        try (GatewayFixture gw = GatewayFixture.start(dataDir)) {
            String keyA = gw.newKey();
            String keyB = gw.newKey();
            String a = account(gw, keyA);
            String b = account(gw, keyB);
            call(gw, keyA);
            call(gw, keyB); // the detectors learn both accounts from their first events
            long deadline = System.currentTimeMillis() + 20_000;
            while (gw.app.detection().feed().delivered() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            var resolver = gw.app.detection().resolver();
            // Same domain, address, user agent and signup minute: the linker already put them together.
            assertThat(resolver.entityOf(a)).isEqualTo(resolver.entityOf(b));
            assertThat(admin(gw, "/accounts/" + a + "/split", "{}").statusCode()).as("a reason is mandatory")
                    .isEqualTo(400);
            assertThat(admin(gw, "/accounts/" + a + "/split", "{\"reason\":\"different teams\"}").statusCode())
                    .isEqualTo(200);
            assertThat(resolver.entityOf(a)).isNotEqualTo(resolver.entityOf(b));
            HttpResponse<String> merged = admin(gw, "/accounts/" + a + "/merge",
                    "{\"with\":\"" + b + "\",\"reason\":\"same customer per ticket 123\",\"operator\":\"ana\"}");
            assertThat(merged.statusCode()).isEqualTo(200);
            assertThat(resolver.entityOf(a)).isEqualTo(resolver.entityOf(b));

            assertThat(admin(gw, "/accounts/" + b + "/allowlist", "{\"reason\":\"contract C-1\"}").statusCode())
                    .isEqualTo(200);
            assertThat(resolver.entityOf(b)).isNotEqualTo(resolver.entityOf(a));
            assertThat(admin(gw, "/accounts/" + a + "/merge", "{\"reason\":\"x\"}").statusCode())
                    .as("merge needs the other account").isEqualTo(400);
        }
    }

    private static String account(GatewayFixture gw, String key) {
        return ((AuthResult.Authenticated) gw.app.registry().authenticate(key)).principal().account().id();
    }

    private void call(GatewayFixture gw, String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-small\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> admin(GatewayFixture gw, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.app.adminPort()
                        + "/admin/detection" + path))
                .header("Authorization", "Bearer " + gw.app.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
