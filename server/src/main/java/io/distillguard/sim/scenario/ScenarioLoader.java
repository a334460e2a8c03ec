package io.distillguard.sim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario YAML (snake_case keys, unknown keys refused) after substituting {@code ${name}} variables, e.g.
 * {@code ${shared}} for the shared data directory. Every refusal names the file, line and column and the field path.
 */
public final class ScenarioLoader {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private final Map<String, String> variables;
    private final ObjectMapper yaml;

    public ScenarioLoader(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
        SimpleModule instants = new SimpleModule().addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        this.yaml = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(instants);
    }

    /** A loader with {@code shared} set to {@code sharedDir}. */
    public static ScenarioLoader withShared(Path sharedDir) {
        return new ScenarioLoader(Map.of("shared", sharedDir.toAbsolutePath().normalize().toString()));
    }

    public ScenarioLoad load(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            return new ScenarioLoad.Invalid(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses scenario text; {@code source} names it in messages. */
    public ScenarioLoad parse(String text, String source) {
        StringBuilder resolved = new StringBuilder();
        Matcher m = VAR.matcher(text);
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                return new ScenarioLoad.Invalid(source + ":" + line + ": unknown variable ${" + m.group(1)
                        + "} (known: " + variables.keySet() + ")");
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        try {
            return new ScenarioLoad.Loaded(yaml.readValue(resolved.toString(), Scenario.class));
        } catch (JsonProcessingException e) {
            return new ScenarioLoad.Invalid(describe(source, e));
        }
    }

    private static String describe(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
        String path = e instanceof JsonMappingException jm ? jm.getPathReference() : null;
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                ? cause.getMessage() : e.getOriginalMessage();
        String field = path == null || path.isBlank() ? "" : path.replace("io.distillguard.sim.scenario.", "") + ": ";
        return where + ": " + field + firstLine(why);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
