package io.distillguard.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's real (prompt, response) pairs: Stanford Alpaca instructions and text-davinci-003 outputs, read from
 * ../shared/data at run time (CC BY-NC: evaluation only, never copied into the repository).
 */
public record TeacherCorpus(Map<String, String> responses) {

    public TeacherCorpus {
        responses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(responses));
    }

    public static TeacherCorpus alpaca(Path shared) throws IOException {
        JsonNode rows = new ObjectMapper().readTree(shared.resolve("data/prompts/alpaca/alpaca_5000.json").toFile());
        Map<String, String> responses = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            String input = row.path("input").asText("");
            String prompt = row.get("instruction").asText() + (input.isBlank() ? "" : "\n" + input);
            responses.putIfAbsent(prompt, row.get("output").asText());
        }
        return new TeacherCorpus(responses);
    }

    public List<String> prompts() {
        return new ArrayList<>(responses.keySet());
    }

    /** The unwatermarked teacher as an output source. */
    public OutputSource plain() {
        return responses::get;
    }
}
