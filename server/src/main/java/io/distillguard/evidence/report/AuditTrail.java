package io.distillguard.evidence.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.audit.BrokenLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The actions taken against an entity, read from the hash-chained audit log: decisions scoped to the entity or one of
 * its accounts (or naming its accounts), and the lifts and cost records of those decisions, in log order, with the
 * chain's verification result so the report says whether the log was tampered with.
 *
 * @param lines      the matching audit lines, verbatim
 * @param chainBreak why the chain does not verify, empty when it does (or when there is no log)
 * @param present    whether the audit log file exists
 */
record AuditTrail(List<String> lines, Optional<String> chainBreak, boolean present) {

    private static final ObjectMapper JSON = new ObjectMapper();

    AuditTrail {
        lines = List.copyOf(lines);
    }

    /** The lines of {@code file} about {@code entityId} or any of {@code accounts}. */
    static AuditTrail read(Path file, String entityId, Set<String> accounts) throws IOException {
        if (!Files.exists(file)) {
            return new AuditTrail(List.of(), Optional.empty(), false);
        }
        Set<String> scopes = new HashSet<>();
        scopes.add("entity:" + entityId);
        accounts.forEach(a -> scopes.add("account:" + a));
        Set<String> decisions = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode rec = JSON.readTree(line);
            String decisionId = rec.path("decision_id").asText(null);
            boolean concerns = scopes.contains(rec.path("scope").asText(""))
                    || namesAny(rec.path("accounts"), accounts);
            if (concerns && decisionId != null) {
                decisions.add(decisionId);
            }
            if (concerns || (decisionId != null && decisions.contains(decisionId))) {
                out.add(line);
            }
        }
        Optional<String> broken = AuditLog.verify(file).map(AuditTrail::describe);
        return new AuditTrail(out, broken, true);
    }

    private static boolean namesAny(JsonNode list, Set<String> accounts) {
        for (JsonNode a : list) {
            if (accounts.contains(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(BrokenLine b) {
        return "line " + b.lineNumber() + ": " + b.problem();
    }
}
