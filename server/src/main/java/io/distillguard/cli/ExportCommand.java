package io.distillguard.cli;

import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import io.distillguard.store.EventStoreConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillguard export}: writes the usage log to JSON lines or Parquet (gateway must be stopped: one writer). */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export the usage log as JSONL or Parquet.")
final class ExportCommand implements Callable<Integer> {

    enum Format { jsonl, parquet }

    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE})", defaultValue = "distillguard-data")
    Path dataDir;

    @Option(names = "--format", description = "jsonl or parquet (default: ${DEFAULT-VALUE})", defaultValue = "jsonl")
    Format format;

    @Option(names = "--out", required = true, description = "Output file")
    Path out;

    @Override
    public Integer call() {
        try (Database db = Database.open(dataDir); EventStore store = new EventStore(db, EventStoreConfig.DEFAULTS)) {
            if (format == Format.parquet) {
                store.exportParquet(out);
            } else {
                store.exportJsonl(out);
            }
            System.out.println("Exported " + store.count() + " usage events to " + out);
        }
        return 0;
    }
}
