package io.distillguard.policy.input;

import java.util.Map;

/**
 * The API key whose traffic triggered the evaluation. Seen by policies as {@code key}.
 *
 * @param id      public key id ("" when the evaluation is not about one key)
 * @param ageDays days since the key was created
 */
public record KeyContext(String id, long ageDays) {

    public static final KeyContext NONE = new KeyContext("", 0);

    public Map<String, Object> toCel() {
        return Map.of("id", AccountContext.nz(id), "age_days", ageDays);
    }
}
