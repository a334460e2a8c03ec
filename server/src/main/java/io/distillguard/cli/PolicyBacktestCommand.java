package io.distillguard.cli;

import io.distillguard.backtest.BacktestReport;
import io.distillguard.backtest.BacktestWindow;
import io.distillguard.backtest.PolicyBacktest;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.registry.Registry;
import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import io.distillguard.store.EventStoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillguard policy backtest}: what a candidate policy would have done to the stored traffic (which entities
 * it actions, when, and the requests and output tokens its refusals would have withheld), before it goes live. The
 * gateway must be stopped (the embedded store has one writer).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay the stored usage log under a candidate policy and report whom it would have actioned.")
final class PolicyBacktestCommand implements Callable<Integer> {

    @Option(names = "--policy", required = true, description = "Candidate policy file (YAML)")
    Path policyFile;

    @picocli.CommandLine.Mixin
    EventWindowOptions window;

    @Option(names = "--out", description = "Write the report as JSON to this file")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = new PrintWriter(System.out, true);
        var policy = switch (new PolicyLoader().load(policyFile)) {
            case PolicyLoadResult.Loaded l -> l.policy();
            case PolicyLoadResult.Rejected r -> {
                new PrintWriter(System.err, true).println(policyFile + ": " + r.message());
                yield null;
            }
        };
        if (policy == null) {
            return 2;
        }
        BacktestReport report;
        try (Database db = Database.open(window.dataDir);
                EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS);
                Registry registry = Registry.open(db, Clock.systemUTC())) {
            report = new PolicyBacktest(policy).run(store, registry, BacktestWindow.of(window.from, window.to));
        }
        report.printTable(pw);
        if (out != null) {
            report.writeJson(out);
            pw.printf("Report written to %s%n", out);
        }
        return 0;
    }
}
