package io.distillguard.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.forensics.DetectionReport;
import io.distillguard.forensics.WatermarkDetector;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The watermark test for the report: suspect texts (JSONL, one {@code {"text": ...}} per line, as for
 * {@code forensics test}) tested against the global key and the entity's sub-key.
 *
 * @param texts    the suspect texts file
 * @param keyFile  the global watermark key, hex
 * @param strength the watermark strength the gateway used
 */
record WatermarkEvidence(Path texts, Path keyFile, double strength) {

    DetectionReport test(String entityId) throws IOException {
        WatermarkKey global = WatermarkKey.global(HexFormat.of().parseHex(Files.readString(keyFile).strip()));
        ObjectMapper json = new ObjectMapper();
        List<String> suspect = new ArrayList<>();
        for (String line : Files.readAllLines(texts)) {
            if (!line.isBlank()) {
                JsonNode text = json.readTree(line).get("text");
                if (text != null) {
                    suspect.add(text.asText());
                }
            }
        }
        return new WatermarkDetector(SynonymTable.standard(), strength)
                .test(suspect, List.of(global, global.forEntity(entityId)));
    }
}
