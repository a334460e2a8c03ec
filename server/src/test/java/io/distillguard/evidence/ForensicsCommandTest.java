package io.distillguard.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkRequest;
import io.distillguard.watermark.WatermarkScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ForensicsCommandTest {

    @Test
    void printsPerKeyStatisticsAndAttributesTheEntity(@TempDir Path dir) throws Exception {
        byte[] secret = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789abcdef");
        Path keyFile = Files.writeString(dir.resolve("key.hex"), HexFormat.of().formatHex(secret) + "\n");
        LexicalWatermarker watermarker = new LexicalWatermarker(
                new WatermarkConfig(WatermarkKey.global(secret), 1.0, WatermarkScope.PER_ENTITY));
        ObjectMapper json = new ObjectMapper();
        JsonNode alpaca = json.readTree(Path.of(System.getProperty("distillguard.shared", "../shared"),
                "data", "prompts", "alpaca", "alpaca_5000.json").toFile());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String marked = watermarker.apply(alpaca.get(i).get("output").asText(), new WatermarkRequest("acme", "", false));
            lines.add(json.writeValueAsString(Map.of("text", marked)));
        }
        Path texts = Files.write(dir.resolve("suspect.jsonl"), lines);

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ForensicsCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("test", "--texts", texts.toString(), "--key-file", keyFile.toString(),
                "--keys", "acme,globex");

        assertThat(code).isZero();
        String[] rows = out.toString().split("\n");
        assertThat(rows[0]).startsWith("texts=3000 ");
        assertThat(rows[1]).isEqualTo("key\tslots\thits\tscore\texpected\tz\tp\tholm_p");
        assertThat(rows).hasSize(5);
        assertThat(rows[2]).startsWith("global\t");
        String[] acme = rows[3].split("\t");
        assertThat(acme[0]).isEqualTo("entity:acme");
        assertThat(Double.parseDouble(acme[5])).isGreaterThan(6);
        assertThat(Double.parseDouble(acme[7])).isLessThan(1e-9);
        assertThat(Double.parseDouble(rows[4].split("\t")[7])).isGreaterThan(1e-3);
        assertThat(Double.parseDouble(rows[2].split("\t")[7])).isGreaterThan(1e-3);
    }
}
