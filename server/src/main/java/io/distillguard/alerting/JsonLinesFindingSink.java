package io.distillguard.alerting;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each finding as one line of OCSF Detection Finding JSON to a file (for a SIEM's file collector), flushed per
 * line. Writes on the caller's thread, so call it off the event loop (decisions and alerts are made there anyway).
 * Thread-safe.
 */
public final class JsonLinesFindingSink implements FindingSink {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesFindingSink.class);

    private final Path file;
    private final BufferedWriter out;
    private long failures;

    public JsonLinesFindingSink(Path file) throws IOException {
        this.file = file;
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized void publish(Finding finding) {
        try {
            out.write(OcsfDetectionFinding.toJson(finding).encode());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failures++;
            LOG.error("cannot write finding {} to {}", finding.uid(), file, e);
        }
    }

    /** Findings that could not be written. */
    public synchronized long failures() {
        return failures;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", file, e.toString());
        }
    }
}
