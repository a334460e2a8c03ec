package io.distillguard.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The result of replaying the usage log under a candidate policy: every entity the policy would have actioned and
 * what that would have cost, with totals. Printed as a table for the operator and written as JSON for tooling.
 *
 * @param policyVersion  version string of the candidate policy file
 * @param policySha256   SHA-256 of its text
 * @param window         the replayed event-time window
 * @param events         events replayed
 * @param entities       actioned entities, most refused first, then by first decision time
 */
public record BacktestReport(String policyVersion, String policySha256, BacktestWindow window, long events,
        List<EntityOutcome> entities) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BacktestReport {
        entities = List.copyOf(entities);
    }

    public long requestsRefused() {
        return entities.stream().mapToLong(EntityOutcome::requestsRefused).sum();
    }

    public long tokensWithheld() {
        return entities.stream().mapToLong(EntityOutcome::tokensWithheld).sum();
    }

    /** Refused requests the live run had refused too: their withheld tokens are estimated. */
    public long refusedLive() {
        return entities.stream().mapToLong(EntityOutcome::refusedLive).sum();
    }

    public long tokensEstimated() {
        return entities.stream().mapToLong(EntityOutcome::tokensEstimated).sum();
    }

    public long unestimated() {
        return entities.stream().mapToLong(EntityOutcome::unestimated).sum();
    }

    /** Ids of the actioned entities, in report order. */
    public List<String> entityIds() {
        return entities.stream().map(EntityOutcome::entityId).toList();
    }

    public void printTable(PrintWriter out) {
        out.printf("Policy %s: %d events replayed, %d entities actioned, %d requests refused, %d output tokens withheld%n",
                policyVersion, events, entities.size(), requestsRefused(), tokensWithheld());
        if (refusedLive() > 0) {
            out.printf("  %d of the refused requests were already refused live (the log was recorded under enforcement):"
                    + " %d of the withheld tokens are estimated from each account's own earlier output or max_tokens"
                    + "%s%n", refusedLive(), tokensEstimated(),
                    unestimated() > 0 ? ", " + unestimated() + " could not be estimated (counted as 0)" : "");
        }
        if (entities.isEmpty()) {
            return;
        }
        out.printf("  %-28s %8s  %-24s %-32s %-20s %-7s %9s %12s%n", "entity", "accounts", "first decision", "rule",
                "action", "mode", "refused", "tokens");
        for (EntityOutcome e : entities) {
            out.printf("  %-28s %8d  %-24s %-32s %-20s %-7s %9d %12d%n", e.entityId(), e.accounts().size(),
                    e.firstDecisionAt(), e.firstRule(), e.firstAction(), e.firstMode(), e.requestsRefused(),
                    e.tokensWithheld());
        }
        out.flush();
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("policy_version", policyVersion).put("policy_sha256", policySha256)
                .put("from", bound(window.from())).put("to", bound(window.to())).put("events", events);
        ObjectNode totals = root.putObject("totals");
        totals.put("entities_actioned", entities.size()).put("requests_refused", requestsRefused())
                .put("tokens_withheld", tokensWithheld()).put("requests_refused_live", refusedLive())
                .put("tokens_withheld_estimated", tokensEstimated()).put("requests_unestimated", unestimated());
        ArrayNode list = root.putArray("entities");
        for (EntityOutcome e : entities) {
            ObjectNode n = list.addObject();
            n.put("entity", e.entityId());
            e.accounts().forEach(n.putArray("accounts")::add);
            n.put("first_decision_at", e.firstDecisionAt().toString()).put("rule", e.firstRule())
                    .put("action", e.firstAction()).put("mode", e.firstMode()).put("decisions", e.decisions())
                    .put("requests_refused", e.requestsRefused()).put("tokens_withheld", e.tokensWithheld())
                    .put("requests_refused_live", e.refusedLive()).put("tokens_withheld_estimated", e.tokensEstimated())
                    .put("requests_unestimated", e.unestimated());
        }
        return root;
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(toJson()) + System.lineSeparator());
    }

    private static String bound(Instant t) {
        return t.equals(BacktestWindow.START) || t.equals(BacktestWindow.END) ? null : t.toString();
    }
}
