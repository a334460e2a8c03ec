package io.distillguard.sim;

import io.distillguard.sim.report.ReportBuilder;
import io.distillguard.sim.report.ReportWriter;
import io.distillguard.sim.report.ScenarioReport;
import io.distillguard.sim.run.Defence;
import io.distillguard.sim.run.InProcessGateway;
import io.distillguard.sim.run.RealTimeRun;
import io.distillguard.sim.run.RemoteAdmin;
import io.distillguard.sim.run.RemoteRun;
import io.distillguard.sim.run.RunResult;
import io.distillguard.sim.run.ScenarioPlan;
import io.distillguard.sim.run.ScenarioRunner;
import io.distillguard.sim.run.WorkDir;
import io.distillguard.sim.scenario.Scenario;
import io.distillguard.sim.scenario.ScenarioLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distillguard simulate}: drives the real gateway (started in this process on the virtual clock) with a
 * scenario and prints throughput and a per-population summary; {@code --real-time} paces it on the wall clock;
 * {@code --url} drives a gateway that is already running (provisioned through its admin API, paced on the wall clock
 * {@code --speed} times faster than planned).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Drive the gateway with a labelled traffic scenario (virtual time unless --real-time).")
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO.yaml")
    Path scenarioFile;

    @Option(names = "--defence", defaultValue = "full", description = "per-key, account-anomaly or full (default)")
    String defence;

    @Option(names = "--real-time", description = "Pace requests on the wall clock (the gateway on the system clock)")
    boolean realTime;

    @Option(names = "--out", description = "Also write report.json, report.md and plots.html here")
    Path out;

    @Option(names = "--url", description = "Drive this running gateway (its OpenAI base URL, e.g. "
            + "http://host:8080/v1) instead of one started in process; needs --admin-url")
    String url;

    @Option(names = "--admin-url", description = "The running gateway's admin listener, e.g. http://host:8081")
    String adminUrl;

    @Option(names = "--admin-token", defaultValue = "${env:DISTILLGUARD_ADMIN_TOKEN}",
            description = "Its admin token (default: $DISTILLGUARD_ADMIN_TOKEN)")
    String adminToken;

    @Option(names = "--speed", defaultValue = "1", description = "With --url: scenario seconds per wall-clock second "
            + "(default 1, real time; the remote gateway's clock is its own, so its detectors see rates this much higher)")
    double speed;

    @Option(names = "--settle", defaultValue = "5", description = "With --url: seconds to let the remote's metering "
            + "and detection catch up after the last reply, before reading alerts and decisions (default 5)")
    double settleSeconds;

    @Mixin
    ScenarioFiles files;

    @Override
    public Integer call() throws Exception {
        ScenarioLoad load = files.load(scenarioFile);
        if (load instanceof ScenarioLoad.Invalid bad) {
            System.err.println(bad.message());
            return 2;
        }
        Scenario scenario = load.orThrow();
        if (url != null) {
            return remote(scenario);
        }
        if (Defence.parse(defence) == Defence.REMOTE) {
            System.err.println("--defence remote means a running gateway: give --url and --admin-url");
            return 2;
        }
        try (WorkDir work = new WorkDir()) {
            return realTime ? realTime(scenario, work.path()) : virtual(scenario, work.path());
        }
    }

    private int virtual(Scenario scenario, Path work) throws Exception {
        ScenarioPlan plan = ScenarioPlan.of(scenario);
        System.out.printf("%s: %d requests planned over %d accounts%n", scenario.name(), plan.requests(),
                plan.populations().stream().mapToInt(p -> p.accounts().size()).sum());
        RunResult r = new ScenarioRunner(plan, System.out::println).run(Defence.parse(defence), work);
        return summarise(r);
    }

    private int remote(Scenario scenario) throws Exception {
        if (adminUrl == null || adminToken == null || adminToken.isBlank()) {
            System.err.println("--url needs --admin-url and --admin-token (or DISTILLGUARD_ADMIN_TOKEN): the harness "
                    + "provisions its accounts and reads alerts and decisions through the admin API");
            return 2;
        }
        if (!(speed > 0) || !(settleSeconds >= 0)) {
            System.err.println("--speed must be > 0 and --settle >= 0");
            return 2;
        }
        ScenarioPlan plan = RemoteRun.planFromNow(scenario, System.currentTimeMillis());
        System.out.printf(Locale.ROOT, "%s: %d requests planned over %d accounts against %s, %.0f s at speed %s%n",
                scenario.name(), plan.requests(), plan.populations().stream().mapToInt(p -> p.accounts().size()).sum(),
                url, scenario.duration().millis() / 1000.0 / speed, speed);
        try (RemoteAdmin admin = new RemoteAdmin(adminUrl, adminToken)) {
            RunResult r = new RemoteRun(url, admin, speed, Math.round(settleSeconds * 1000), System.out::println)
                    .run(plan);
            return summarise(r);
        } catch (RemoteAdmin.AdminError e) {
            System.err.println("the gateway's admin API refused: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            System.err.println("cannot reach the gateway's admin API at " + adminUrl + ": " + e);
            return 1;
        }
    }

    private int summarise(RunResult r) throws Exception {
        System.out.printf(Locale.ROOT, "%d requests in %.1f s: %.0f requests/s%n", r.outcomes().size(),
                r.wallMs() / 1000.0, r.requestsPerSecond());
        ScenarioReport report = ReportBuilder.build(List.of(r));
        report.populations().forEach(p -> System.out.printf(Locale.ROOT,
                "  %-24s %-6s accounts %6d requests %8d served %8d share obtained %6.2f%% detected %s%n",
                p.name(), p.label(), p.accounts(), p.requests(), p.requestsServed(), 100 * p.shareObtained(),
                p.detected()));
        if (out != null) {
            ReportWriter.write(report, List.of(r), out);
            System.out.println("report: " + out.resolve("report.json"));
        }
        return 0;
    }

    private int realTime(Scenario scenario, Path work) throws Exception {
        try (InProcessGateway gw = InProcessGateway.start(Defence.parse(defence), work, java.time.Clock.systemUTC(),
                    io.distillguard.sim.run.AsnDatabaseFile.write(scenario, work));
                RealTimeRun run = ScenarioRunner.startRealTime(scenario, gw.app().baseUrl(), gw.app().registry())) {
            System.out.println("gateway " + gw.app().baseUrl() + ", admin port " + gw.app().adminPort()
                    + ", admin token " + gw.app().adminToken() + "; Ctrl-C stops");
            while (run.running()) {
                Thread.sleep(10_000);
                System.out.printf("%d requests sent, %d refused, %d alerts%n", run.sent(), run.refused(),
                        gw.app().detection().latestAlerts().size());
            }
        }
        return 0;
    }
}
