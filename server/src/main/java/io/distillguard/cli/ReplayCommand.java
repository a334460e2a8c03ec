package io.distillguard.cli;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.monitor.RegistryAccountDirectory;
import io.distillguard.registry.Registry;
import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import io.distillguard.store.EventStoreConfig;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code distillguard replay}: runs the detectors offline over the stored usage log, in event-time order, with the
 * same engine the gateway embeds; prints the alerts it raises (latest revision per entity) and optionally writes every
 * revision as JSON lines. The gateway must be stopped (the embedded store has one writer).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay the stored usage log through the detectors and print the alerts.")
final class ReplayCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    EventWindowOptions window;

    @Option(names = "--alerts-out", description = "Write every alert revision as JSON lines to this file")
    Path alertsOut;

    @Option(names = "--asn-database", paramLabel = "FILE",
            description = "Prefix-to-ASN file (iptoasn.com ip2asn-v4/-v6/-combined.tsv), as the gateway's identity.asnDatabase")
    Path asnDatabase;

    @Override
    public Integer call() throws Exception {
        Map<String, Alert> latest = new LinkedHashMap<>();
        AtomicLong events = new AtomicLong();
        Writer out = alertsOut == null ? Writer.nullWriter() : Files.newBufferedWriter(alertsOut, StandardCharsets.UTF_8);
        try (Database db = Database.open(window.dataDir);
                EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS);
                Registry registry = Registry.open(db, Clock.systemUTC());
                JsonlAlertSink file = new JsonlAlertSink(out)) {
            AlertSink sink = alert -> {
                latest.put(alert.entityId(), alert);
                file.onAlert(alert);
            };
            DetectionEngine engine = DetectionEngine.inMemory(DetectionConfig.defaults(),
                    new RegistryAccountDirectory(registry), sink, Clock.systemUTC());
            if (asnDatabase != null) {
                engine.setAsnLookup(io.distillguard.link.AsnTable.load(asnDatabase));
            }
            long[] last = {0};
            store.replay(window.fromOrStart(), window.toOrEnd(), e -> {
                engine.onEvent(e);
                events.incrementAndGet();
                last[0] = e.timestampMs();
            });
            engine.flush(last[0]);
        }
        PrintWriter pw = new PrintWriter(System.out, true);
        pw.printf("Replayed %d events: %d alerting entities%n", events.get(), latest.size());
        latest.values().stream().sorted((a, b) -> Double.compare(b.score(), a.score())).forEach(a -> {
            pw.printf("  %s  risk %.2f  %d accounts  %d requests  %d output tokens%n", a.entityId(), a.score(),
                    a.accountCount(), a.requests(), a.outputTokens());
            a.signals().stream().limit(5).forEach(s -> pw.printf("      %s%n", s));
        });
        return 0;
    }
}
