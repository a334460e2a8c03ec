package io.distillguard.evidence;

import io.distillguard.watermark.WatermarkKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reads the global watermark key from a file holding it as hex (at least 32 hex digits). */
final class KeyFiles {

    /** The fixed key of the reproducible experiment (not a production secret). */
    static final byte[] EXPERIMENT_KEY = "distillguard-distillation-experiment-key".getBytes(StandardCharsets.UTF_8);

    private KeyFiles() {
    }

    static WatermarkKey read(Path file) throws IOException {
        return WatermarkKey.global(bytes(file));
    }

    static byte[] bytes(Path file) throws IOException {
        return HexFormat.of().parseHex(Files.readString(file).strip());
    }
}
