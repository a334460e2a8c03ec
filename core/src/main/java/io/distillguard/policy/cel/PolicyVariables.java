package io.distillguard.policy.cel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed variables a policy condition may read, declared once for the CEL type checker so that a misspelt field
 * or a string compared with a number rejects the policy at load instead of misfiring in production. Each object
 * variable is a CEL struct type whose runtime value is a {@code Map} built by the input records' {@code toCel()}.
 * Documented in docs/policies.md.
 */
public final class PolicyVariables implements CelTypeProvider {

    public static final String ENTITY = "entity";
    public static final String SIGNALS = "signals";
    public static final String ACCOUNT = "account";
    public static final String KEY = "key";
    public static final String REQUEST = "request";
    public static final String ALERT = "alert";

    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    private final Map<String, StructType> structs = new LinkedHashMap<>();

    public PolicyVariables() {
        struct(ENTITY, "distillguard.policy.Entity", fields(
                "id", SimpleType.STRING, "accounts", STRINGS, "account_count", SimpleType.INT,
                "accounts_created_last_day", SimpleType.INT, "risk", SimpleType.DOUBLE,
                "link_confidence", SimpleType.DOUBLE, "verified", SimpleType.BOOL, "allowlisted", SimpleType.BOOL,
                "tier", SimpleType.STRING, "requests_1h", SimpleType.INT, "tokens_1h", SimpleType.INT,
                "distinct_ips_1h", SimpleType.INT));
        struct(ACCOUNT, "distillguard.policy.Account", fields(
                "id", SimpleType.STRING, "org_id", SimpleType.STRING, "tier", SimpleType.STRING,
                "age_days", SimpleType.INT, "verified", SimpleType.BOOL, "email_domain", SimpleType.STRING,
                "signup_path", SimpleType.STRING));
        struct(KEY, "distillguard.policy.Key", fields("id", SimpleType.STRING, "age_days", SimpleType.INT,
                "requests_1h", SimpleType.INT, "logprobs_requests_1h", SimpleType.INT,
                "logit_bias_probes_1h", SimpleType.INT, "entity_share", SimpleType.DOUBLE));
        struct(REQUEST, "distillguard.policy.Request", fields(
                "endpoint", SimpleType.STRING, "model", SimpleType.STRING, "n", SimpleType.INT,
                "max_tokens", SimpleType.INT, "logprobs", SimpleType.BOOL, "top_logprobs", SimpleType.INT,
                "logit_bias", SimpleType.INT, "stream", SimpleType.BOOL, "temperature", SimpleType.DOUBLE));
        struct(ALERT, "distillguard.policy.Alert", fields(
                "present", SimpleType.BOOL, "score", SimpleType.DOUBLE, "top_signals", STRINGS));
    }

    /** Variable name to its CEL type, in declaration order (signals included). */
    public Map<String, CelType> variables() {
        Map<String, CelType> vars = new LinkedHashMap<>();
        vars.put(ENTITY, structs.get(ENTITY));
        vars.put(SIGNALS, MapType.create(SimpleType.STRING, SimpleType.DOUBLE));
        for (String v : new String[] {ACCOUNT, KEY, REQUEST, ALERT}) {
            vars.put(v, structs.get(v));
        }
        return vars;
    }

    /** True when {@code variable} is an object variable (entity, account, key, request, alert). */
    public boolean isStruct(String variable) {
        return structs.containsKey(variable);
    }

    @Override
    public ImmutableList<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return structs.values().stream().filter(t -> t.name().equals(typeName)).map(t -> (CelType) t).findFirst();
    }

    private void struct(String variable, String typeName, Map<String, CelType> fields) {
        structs.put(variable, StructType.create(typeName, ImmutableSet.copyOf(fields.keySet()),
                name -> Optional.ofNullable(fields.get(name))));
    }

    private static Map<String, CelType> fields(Object... nameTypePairs) {
        Map<String, CelType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            m.put((String) nameTypePairs[i], (CelType) nameTypePairs[i + 1]);
        }
        return Map.copyOf(m);
    }
}
