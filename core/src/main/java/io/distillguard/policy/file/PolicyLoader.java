package io.distillguard.policy.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.distillguard.policy.cel.Compilation;
import io.distillguard.policy.cel.ConditionCompiler;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.file.PolicyDocument.AllowlistDocument;
import io.distillguard.policy.file.PolicyDocument.RuleDocument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a YAML policy file with Jackson and validates it completely: every rule's CEL condition is compiled, every
 * action's parameters checked, every duration parsed. Any problem rejects the whole file, with one message per
 * problem naming the rule. Thread-safe.
 */
public final class PolicyLoader {

    private static final Set<String> MODES = Set.of("enforce", "shadow");

    private final ObjectMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final ConditionCompiler compiler = new ConditionCompiler();

    public PolicyLoadResult load(Path file) {
        try {
            return load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new PolicyLoadResult.Rejected(List.of("cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** Loads a policy from the classpath, e.g. {@code policies/default.yaml}. */
    public PolicyLoadResult loadResource(String resource) {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new PolicyLoadResult.Rejected(List.of("no resource " + resource));
            }
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new PolicyLoadResult.Rejected(List.of("cannot read " + resource + ": " + e.getMessage()));
        }
    }

    public PolicyLoadResult load(String text) {
        PolicyDocument doc;
        try {
            doc = yaml.readValue(text, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            return new PolicyLoadResult.Rejected(List.of("invalid YAML" + where + ": " + e.getOriginalMessage()));
        }
        if (doc == null) {
            return new PolicyLoadResult.Rejected(List.of("empty policy file"));
        }
        List<String> errors = new ArrayList<>();
        if (doc.version() == null || doc.version().isBlank()) {
            errors.add("version: missing");
        }
        Allowlist allowlist = allowlist(doc.allowlist(), errors);
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RuleDocument> ruleDocs = doc.rules() == null ? List.of() : doc.rules();
        for (int i = 0; i < ruleDocs.size(); i++) {
            RuleDocument r = ruleDocs.get(i);
            if (r == null) {
                errors.add("rules[" + i + "]: empty rule");
                continue;
            }
            String name = r.name() == null || r.name().isBlank() ? "rules[" + i + "]" : r.name();
            if (!names.add(name)) {
                errors.add("rule '" + name + "': duplicate name");
            }
            rule(name, r, errors).ifPresent(rules::add);
        }
        if (!errors.isEmpty()) {
            return new PolicyLoadResult.Rejected(errors);
        }
        return new PolicyLoadResult.Loaded(new Policy(doc.version(), allowlist, rules, sha256(text)));
    }

    private Optional<Rule> rule(String name, RuleDocument r, List<String> errors) {
        int before = errors.size();
        String prefix = "rule '" + name + "': ";
        if (r.name() == null || r.name().isBlank()) {
            errors.add(prefix + "missing name");
        }
        Compilation compiled = compiler.compile(name, r.when());
        if (compiled instanceof Compilation.Failed f) {
            errors.add(prefix + "invalid condition: " + f.message());
        }
        Optional<ActionType> action = ActionType.parse(r.action());
        if (action.isEmpty()) {
            errors.add(prefix + "unknown action '" + r.action() + "' (one of tag, watermark, degrade, throttle, "
                    + "require_verification, block)");
        } else {
            ActionTemplate.validate(action.get(), r.params()).forEach(p -> errors.add(prefix + p));
        }
        Duration duration = null;
        if (r.duration() != null) {
            duration = DurationSpec.parse(r.duration()).orElse(null);
            if (duration == null) {
                errors.add(prefix + "invalid duration '" + r.duration() + "' (ISO-8601 like PT30M, or 30m, 24h, 7d)");
            }
        }
        String mode = r.mode() == null ? "enforce" : r.mode();
        if (!MODES.contains(mode)) {
            errors.add(prefix + "mode must be enforce or shadow, not '" + mode + "'");
        }
        ScopeType scope = scope(r.scope());
        if (scope == null) {
            errors.add(prefix + "scope must be entity, account or key, not '" + r.scope() + "'");
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rule(name, r.description() == null ? "" : r.description(),
                ((Compilation.Compiled) compiled).condition(), new ActionTemplate(action.get(), r.params()),
                duration, Mode.valueOf(mode.toUpperCase()), r.priority() == null ? 0 : r.priority(), scope));
    }

    private static ScopeType scope(String s) {
        if (s == null) {
            return ScopeType.ENTITY;
        }
        return switch (s) {
            case "entity" -> ScopeType.ENTITY;
            case "account" -> ScopeType.ACCOUNT;
            case "key" -> ScopeType.KEY;
            default -> null;
        };
    }

    private static Allowlist allowlist(List<AllowlistDocument> docs, List<String> errors) {
        Map<String, AllowlistEntry> entities = new HashMap<>();
        Map<String, AllowlistEntry> accounts = new HashMap<>();
        for (int i = 0; docs != null && i < docs.size(); i++) {
            AllowlistDocument d = docs.get(i);
            String where = "allowlist[" + i + "]: ";
            if (d == null || (d.entity() == null) == (d.account() == null)) {
                errors.add(where + "set exactly one of entity or account");
                continue;
            }
            if (d.contract() == null || d.contract().isBlank()) {
                errors.add(where + "a contract reference is mandatory");
                continue;
            }
            String subject = d.entity() != null ? d.entity() : d.account();
            AllowlistEntry entry = new AllowlistEntry(subject, d.contract(), d.note() == null ? "" : d.note());
            (d.entity() != null ? entities : accounts).put(subject, entry);
        }
        return new Allowlist(entities, accounts);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
