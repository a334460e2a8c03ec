package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.sim.run.Defence;
import io.distillguard.sim.run.InProcessGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --url}: a gateway (with its simulated upstream) runs on loopback on the system clock, as a deployed
 * one would; the harness provisions a tiny scenario through its admin API, sends two virtual minutes at 60x, and the
 * report it builds from what it observed agrees with the gateway's own usage log and admin API.
 */
class RemoteSimulateTest {
    @TempDir
    Path data;
    @TempDir
    Path out;

    @Test
    void aRunAgainstARunningGatewayReportsWhatTheGatewayLogged() throws Exception {
        Path shared = Path.of(System.getProperty("distillguard.shared", "../../shared"));
        try (InProcessGateway gw = InProcessGateway.start(Defence.FULL, data, Clock.systemUTC())) {
            String admin = "http://127.0.0.1:" + gw.app().adminPort();
            int rc = io.distillguard.cli.Main.commandLine().execute("simulate",
                    "src/test/resources/scenarios/remote-tiny.yaml", "--shared", shared.toString(),
                    "--url", gw.app().baseUrl(), "--admin-url", admin, "--admin-token", gw.app().adminToken(),
                    "--speed", "60", "--settle", "0.5", "--out", out.toString());
            assertThat(rc).isZero();

            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertThat(report.path("primary_defence").asText()).isEqualTo("remote");
            gw.drain(System.currentTimeMillis());
            gw.app().store().flush();
            Map<String, JsonNode> pops = new HashMap<>();
            report.path("populations").forEach(p -> pops.put(p.path("name").asText(), p));
            for (String pop : List.of("chat-users", "distiller")) {
                JsonNode p = pops.get(pop);
                Map<String, Object> logged = gw.app().store().query("SELECT count(*) AS n, "
                        + "count(*) FILTER (WHERE status = 200) AS served, "
                        + "coalesce(sum(output_tokens) FILTER (WHERE status = 200), 0) AS tokens "
                        + "FROM usage_events WHERE account_id LIKE ?", pop + "-%").getFirst();
                assertThat(p.path("requests").asLong()).as(pop + " requests").isPositive()
                        .isEqualTo(((Number) logged.get("n")).longValue());
                assertThat(p.path("requests_served").asLong()).as(pop + " served")
                        .isEqualTo(((Number) logged.get("served")).longValue());
                assertThat(p.path("tokens_obtained").asLong()).as(pop + " tokens")
                        .isEqualTo(((Number) logged.get("tokens")).longValue());
            }
            assertThat(pops.get("distiller").path("requests_refused").asLong())
                    .as("the tiny tier's daily budget runs out").isPositive();
            assertThat(pops.get("chat-users").path("requests_refused").asLong()).isZero();

            JsonNode alerts = new ObjectMapper().readTree(adminGet(admin, gw.app().adminToken(),
                    "/admin/detection/alerts?limit=1000")).path("data");
            assertThat(report.path("defences").path("remote").path("alerts").asLong()).isEqualTo(alerts.size());
            assertThat(gw.app().registry().account("distiller-0")).isPresent();
        }
    }

    private static String adminGet(String admin, String token, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(admin + path)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
