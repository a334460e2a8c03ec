package io.distillguard.cli;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The options every offline command over the usage log shares (picocli mixin): where the log is, and which window of
 * event time to read. Open ends read as {@code Instant.MIN}/{@code Instant.MAX}, which the event store accepts.
 */
public final class EventWindowOptions {

    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE})", defaultValue = "distillguard-data")
    public Path dataDir;

    @Option(names = "--from", description = "Start of the window (ISO-8601 instant; default: the beginning)")
    public Instant from;

    @Option(names = "--to", description = "End of the window, exclusive (ISO-8601 instant; default: the end)")
    public Instant to;

    public Instant fromOrStart() {
        return from == null ? Instant.MIN : from;
    }

    public Instant toOrEnd() {
        return to == null ? Instant.MAX : to;
    }
}
