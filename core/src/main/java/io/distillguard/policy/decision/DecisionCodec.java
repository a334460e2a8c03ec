package io.distillguard.policy.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire form of a {@link Decision} wherever one leaves the JVM that made it (the decisions topic from the Flink job
 * to the gateways): one UTF-8 JSON object {@code {"v":1,"action":"throttle",...}} with snake_case fields and instants as
 * epoch milliseconds. {@link #key} is the compaction key: one retained decision per scope and issuing rule. Readers
 * ignore fields they do not know. Thread-safe.
 */
public final class DecisionCodec {
    /** The schema version this codec writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DecisionCodec() {
    }

    /** The compaction key of {@code d}: {@code <scope type>:<scope id>|<issuer>}. */
    public static String key(Decision d) {
        return d.scope().type().name().toLowerCase() + ":" + d.scope().id() + "|" + d.ruleName();
    }

    /** The decision as UTF-8 JSON bytes. */
    public static byte[] encode(Decision d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("v", VERSION);
        o.put("action", d.action());
        switch (d) {
            case Allow a -> { }
            case Tag t -> o.put("label", t.label());
            case Watermark w -> o.put("strength", w.strength());
            case Degrade g -> {
                ObjectNode s = o.putObject("spec");
                s.put("strip_logprobs", g.spec().stripLogprobs());
                s.put("refuse_logit_bias_with_logprobs", g.spec().refuseLogitBiasWithLogprobs());
                s.put("max_n", g.spec().maxN());
                s.put("max_tokens", g.spec().maxTokens());
                s.put("drop_reasoning", g.spec().dropReasoning());
            }
            case Throttle t -> o.put("factor", t.factor()).put("delay_ms", t.delayMs());
            case RequireVerification r -> o.put("message", r.message());
            case Block b -> o.put("reason", b.reason());
        }
        Issuance i = d.issuance();
        o.put("id", i.id()).put("issuer", i.issuer()).put("mode", i.mode().name().toLowerCase());
        o.putObject("scope").put("type", i.scope().type().name().toLowerCase()).put("id", i.scope().id());
        o.put("issued_at_ms", i.issuedAt().toEpochMilli());
        o.put("expires_at_ms", i.expiresAt() == null ? null : i.expiresAt().toEpochMilli());
        o.put("priority", i.priority());
        ObjectNode ev = o.putObject("evidence");
        ev.set("facts", MAPPER.valueToTree(i.evidence().facts()));
        ev.set("signals", MAPPER.valueToTree(i.evidence().signals()));
        ev.set("accounts", MAPPER.valueToTree(i.evidence().accounts()));
        ev.put("note", i.evidence().note());
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException("decision " + d.id() + " could not be encoded", e);
        }
    }

    /**
     * The decision in {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a decision of a version this codec reads
     */
    public static Decision decode(byte[] bytes) {
        JsonNode o;
        try {
            o = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a decision: " + e.getMessage(), e);
        }
        int v = o.path("v").asInt(0);
        if (v < 1 || v > VERSION) {
            throw new IllegalArgumentException("decision schema version " + v + " is not supported (reads 1.." + VERSION
                    + ")");
        }
        Issuance issuance = issuance(o);
        String action = o.path("action").asText("");
        return switch (action) {
            case "allow" -> new Allow(issuance);
            case "tag" -> new Tag(o.path("label").asText(), issuance);
            case "watermark" -> new Watermark(o.path("strength").asDouble(), issuance);
            case "degrade" -> new Degrade(spec(o.path("spec")), issuance);
            case "throttle" -> new Throttle(o.path("factor").asDouble(), o.path("delay_ms").asLong(), issuance);
            case "require_verification" -> new RequireVerification(text(o, "message"), issuance);
            case "block" -> new Block(text(o, "reason"), issuance);
            default -> throw new IllegalArgumentException("unknown decision action '" + action + "'");
        };
    }

    private static Issuance issuance(JsonNode o) {
        JsonNode scope = o.path("scope");
        JsonNode ev = o.path("evidence");
        Map<String, Object> facts = MAPPER.convertValue(ev.path("facts"), TreeMap.class);
        TreeMap<String, Double> signals = new TreeMap<>();
        ev.path("signals").properties().forEach(e -> signals.put(e.getKey(), e.getValue().asDouble()));
        List<String> accounts = new ArrayList<>();
        ev.path("accounts").forEach(a -> accounts.add(a.asText()));
        Evidence evidence = new Evidence(facts == null ? new TreeMap<>() : new TreeMap<>(facts), signals, accounts,
                text(ev, "note"));
        JsonNode expires = o.path("expires_at_ms");
        try {
            return new Issuance(text(o, "id"), text(o, "issuer"),
                    Mode.valueOf(o.path("mode").asText("").toUpperCase()),
                    new Scope(ScopeType.valueOf(scope.path("type").asText("").toUpperCase()), text(scope, "id")),
                    Instant.ofEpochMilli(o.path("issued_at_ms").asLong()),
                    expires.isNumber() ? Instant.ofEpochMilli(expires.asLong()) : null, o.path("priority").asInt(),
                    evidence);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid decision: " + e.getMessage(), e);
        }
    }

    private static DegradeSpec spec(JsonNode s) {
        return new DegradeSpec(s.path("strip_logprobs").asBoolean(), s.path("refuse_logit_bias_with_logprobs").asBoolean(),
                s.path("max_n").isNumber() ? s.path("max_n").asInt() : null,
                s.path("max_tokens").isNumber() ? s.path("max_tokens").asInt() : null,
                s.path("drop_reasoning").asBoolean());
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.path(field);
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
