package io.distillguard.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes each alert revision as one JSON object per line to a {@link Writer} (a file, a socket, a buffer), flushed
 * per alert so that a tailing reader sees it at once. Risk-score updates are not written.
 */
public final class JsonlAlertSink implements AlertSink, Closeable {
    private final Writer out;
    private final ObjectMapper json = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    public JsonlAlertSink(Writer out) {
        this.out = out;
    }

    @Override
    public synchronized void onAlert(Alert alert) {
        try {
            out.write(json.writeValueAsString(alert));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
