package io.distillguard.alerting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link Finding} as an OCSF 1.3 Detection Finding (class_uid 2004, category 2 "Findings", activity
 * 1 "Create"), the schema SIEMs ingest: {@code class_uid, category_uid, activity_id, type_uid, severity_id, time,
 * finding_info{uid,title,desc,created_time,types}, resources[], evidences[], metadata{version, product{name,
 * vendor_name}}}.
 */
public final class OcsfDetectionFinding {
    public static final int CLASS_UID = 2004;
    public static final int CATEGORY_UID = 2;
    public static final int ACTIVITY_CREATE = 1;
    public static final String SCHEMA_VERSION = "1.3.0";

    private OcsfDetectionFinding() {}

    public static JsonObject toJson(Finding f) {
        JsonArray resources = new JsonArray();
        f.resources().forEach(r -> resources.add(new JsonObject().put("type", r.type()).put("uid", r.uid())
                .put("name", r.uid())));
        JsonArray evidences = new JsonArray();
        if (!f.evidence().isEmpty()) {
            JsonObject data = new JsonObject();
            new TreeMap<>(f.evidence()).forEach((k, v) -> data.put(k, jsonValue(v)));
            evidences.add(new JsonObject().put("data", data));
        }
        long millis = f.time().toEpochMilli();
        return new JsonObject()
                .put("class_uid", CLASS_UID)
                .put("class_name", "Detection Finding")
                .put("category_uid", CATEGORY_UID)
                .put("category_name", "Findings")
                .put("activity_id", ACTIVITY_CREATE)
                .put("activity_name", "Create")
                .put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE)
                .put("severity_id", f.severity().id())
                .put("severity", f.severity().caption())
                .put("status_id", 1)
                .put("time", millis)
                .put("message", f.title())
                .put("finding_info", new JsonObject().put("uid", f.uid()).put("title", f.title())
                        .put("desc", f.description()).put("created_time", millis)
                        .put("types", new JsonArray().add("model-extraction")).put("analytic",
                                new JsonObject().put("name", f.source()).put("type_id", 1).put("type", "Rule")))
                .put("resources", resources)
                .put("evidences", evidences)
                .put("metadata", new JsonObject().put("version", SCHEMA_VERSION).put("product",
                        new JsonObject().put("name", "DistillGuard").put("vendor_name", "DistillGuard")));
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            m.forEach((k, x) -> o.put(String.valueOf(k), jsonValue(x)));
            return o;
        }
        if (v instanceof Iterable<?> it) {
            JsonArray a = new JsonArray();
            it.forEach(x -> a.add(jsonValue(x)));
            return a;
        }
        return String.valueOf(v);
    }
}
