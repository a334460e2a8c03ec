package io.distillguard.evidence.report;

import io.distillguard.registry.Registry;
import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import io.distillguard.store.EventStoreConfig;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code distillguard report}: writes the evidence package on one entity (or the entity of one account) as a single
 * self-contained HTML file, and prints the SHA-256 of the entity's events. The gateway must be stopped (the embedded
 * store has one writer).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML evidence package on one entity's campaign.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--entity", required = true, description = "Entity id (ent_...) or an account id")
    String entity;

    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE})", defaultValue = "distillguard-data")
    Path dataDir;

    @Option(names = "--out", required = true, description = "HTML file to write")
    Path out;

    @Option(names = "--audit-log", description = "Audit log (default: <data-dir>/audit.jsonl)")
    Path auditLog;

    @Option(names = "--watermark-texts", description = "Suspect texts to test for the watermark (JSONL, {\"text\": ...})")
    Path watermarkTexts;

    @Option(names = "--key-file", description = "Global watermark key, hex (with --watermark-texts)")
    Path keyFile;

    @Option(names = "--strength", description = "Watermark strength the gateway used (default: ${DEFAULT-VALUE})",
            defaultValue = "1.0")
    double strength;

    @Option(names = "--events-out", description = "Also write the hashed canonical event lines to this file")
    Path eventsOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if ((watermarkTexts == null) != (keyFile == null)) {
            err.println("--watermark-texts and --key-file go together");
            return 2;
        }
        if (!Files.exists(dataDir.resolve(Database.FILE_NAME))) {
            err.println("no DistillGuard database in " + dataDir);
            return 2;
        }
        WatermarkEvidence watermark = watermarkTexts == null ? null
                : new WatermarkEvidence(watermarkTexts, keyFile, strength);
        Path audit = auditLog != null ? auditLog : dataDir.resolve("audit.jsonl");
        EntityEvidence evidence;
        try (Database db = Database.open(dataDir);
                EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS);
                Registry registry = Registry.open(db, Clock.systemUTC());
                OutputStream lines = eventsOut == null ? OutputStream.nullOutputStream()
                        : Files.newOutputStream(eventsOut)) {
            evidence = new EvidenceCollector(store, registry, Clock.systemUTC()).collect(entity, audit, watermark,
                    lines);
        }
        if (evidence.eventCount() == 0) {
            err.println("no events for " + entity + " (entity " + evidence.entityId() + ")");
            return 1;
        }
        Files.writeString(out, HtmlReport.render(evidence), StandardCharsets.UTF_8);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("%s: %d accounts, %d events, sha256:%s%n", evidence.entityId(), evidence.accounts().size(),
                evidence.eventCount(), evidence.eventHash());
        pw.printf("wrote %s%n", out);
        pw.flush();
        return 0;
    }
}
