package io.distillguard.console;

import io.distillguard.admin.PolicyJson;
import io.distillguard.alert.Alert;
import io.distillguard.link.LinkReason;
import io.distillguard.registry.Account;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entity page's data: linked accounts and the reason of every link (from the linker, on the detection thread),
 * risk and its history, decisions in force, sample prompts of the latest alert, and the request/token timeline from
 * the event store with the alert revisions and decisions to mark on it.
 */
final class EntityViews {
    private static final int TIMELINE_BUCKETS = 120;
    private static final int MAX_ACCOUNTS = 1_000;

    private record Linking(List<String> members, List<LinkReason> reasons, boolean allowlisted) {}

    private final io.vertx.core.Vertx vertx;
    private final ConsoleServices s;

    EntityViews(io.vertx.core.Vertx vertx, ConsoleServices services) {
        this.vertx = vertx;
        this.s = services;
    }

    Future<Map<String, Object>> entity(String id) {
        return Future.fromCompletionStage(s.detection().query(engine -> {
            Set<String> members = engine.linker().members(id);
            if (members.isEmpty()) {
                return null;
            }
            List<String> sorted = members.stream().sorted().limit(MAX_ACCOUNTS).toList();
            return new Linking(sorted, engine.linker().reasons(id, 200), engine.linker().isAllowlisted(id));
        })).map(linking -> linking == null ? null : page(id, linking));
    }

    private Map<String, Object> page(String id, Linking linking) {
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (String a : linking.members()) {
            Account acct = s.registry().account(a).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a);
            m.put("status", acct == null ? "unknown" : acct.status().wire());
            m.put("tier", acct == null ? null : acct.tierName());
            m.put("org_id", acct == null ? null : acct.orgId());
            accounts.add(m);
        }
        List<Map<String, Object>> links = linking.reasons().stream().map(l -> Map.<String, Object>of(
                "source", l.accountA(), "target", l.accountB(), "score", l.score(), "evidence", l.evidence(),
                "reason", l.describe())).toList();
        var risk = s.detection().risk(id);
        Alert alert = s.detection().latestAlerts().get(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "entity");
        out.put("id", id);
        out.put("allowlisted", linking.allowlisted());
        out.put("accounts", accounts);
        out.put("links", links);
        out.put("risk", risk == null ? null : ConsoleApi.signals(risk));
        out.put("risk_history", s.history().of(id).stream().map(ConsoleApi::signals).toList());
        out.put("decisions", decisionsOf(id, linking.members()));
        out.put("alert", alert == null ? null : Map.of("id", alert.id(), "revision", alert.revision(),
                "score", alert.score(), "sample_prompts", alert.samplePrompts(),
                "sample_prompt_hashes", alert.samplePromptHashes()));
        return out;
    }

    /** Enforced decisions on the entity or any of its accounts. */
    private Object decisionsOf(String entity, List<String> accounts) {
        var all = new ArrayList<>(s.policy().cache().active(null, null, entity));
        for (String a : accounts) {
            all.addAll(s.policy().cache().active(null, a, null));
        }
        return ConsoleApi.plain(PolicyJson.decisions(all).encode());
    }

    /** Requests, tokens and refusals per time bucket over the entity's whole history, with alert and action marks. */
    Future<Map<String, Object>> timeline(String id) {
        return Future.fromCompletionStage(s.detection().query(engine ->
                engine.linker().members(id).stream().sorted().limit(MAX_ACCOUNTS).toList()))
                .compose(members -> members.isEmpty() ? Future.succeededFuture(null)
                        : vertx.executeBlocking(() -> series(id, members), false));
    }

    private Map<String, Object> series(String id, List<String> members) {
        s.store().flush();
        String in = String.join(",", Collections.nCopies(members.size(), "?"));
        Object[] args = members.toArray();
        var range = s.store().query("SELECT min(timestamp_ms) AS lo, max(timestamp_ms) AS hi FROM usage_events"
                + " WHERE account_id IN (" + in + ")", args).getFirst();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "timeline");
        out.put("entity_id", id);
        List<Map<String, Object>> buckets = List.of();
        long bucketMs = 60_000;
        if (range.get("lo") != null) {
            long lo = ((Number) range.get("lo")).longValue();
            long hi = ((Number) range.get("hi")).longValue();
            bucketMs = Math.max(1_000, ((hi - lo) / TIMELINE_BUCKETS + 999) / 1_000 * 1_000);
            Object[] withBucket = new Object[args.length + 2];
            withBucket[0] = bucketMs;
            withBucket[1] = bucketMs;
            System.arraycopy(args, 0, withBucket, 2, args.length);
            buckets = s.store().query("SELECT (timestamp_ms // ?) * ? AS t, count(*) AS requests,"
                    + " sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,"
                    + " count(*) FILTER (WHERE status >= 400) AS refused FROM usage_events"
                    + " WHERE account_id IN (" + in + ") GROUP BY 1 ORDER BY 1", withBucket);
        }
        out.put("bucket_ms", bucketMs);
        out.put("buckets", buckets);
        out.put("alerts", s.detection().recentAlerts(1_000).stream().filter(a -> a.entityId().equals(id))
                .map(a -> Map.of("id", a.id(), "revision", a.revision(), "score", a.score(),
                        "at_ms", a.lastSeenMs())).toList());
        out.put("actions", decisionsOf(id, members));
        return out;
    }
}
