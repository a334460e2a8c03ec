package io.distillguard.watermark;

import java.util.Objects;
import java.util.Optional;

/**
 * Validated watermark settings.
 *
 * @param globalKey the provider's global key; entity sub-keys derive from it
 * @param strength  share of eligible slots (class-member occurrences) that are watermarked, in (0, 1]; the
 *                  detector must use the same value
 * @param scope     which responses are marked and under which key
 */
public record WatermarkConfig(WatermarkKey globalKey, double strength, WatermarkScope scope) {

    public WatermarkConfig {
        Objects.requireNonNull(globalKey, "globalKey");
        Objects.requireNonNull(scope, "scope");
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in (0, 1]: " + strength);
        }
    }

    /** The key to mark a response of this entity with (null entity: the global key), or empty when scope is OFF. */
    public Optional<WatermarkKey> keyFor(String entityId) {
        return switch (scope) {
            case OFF -> Optional.empty();
            case GLOBAL -> Optional.of(globalKey);
            case PER_ENTITY -> Optional.of(entityId == null ? globalKey : globalKey.forEntity(entityId));
        };
    }

    public WatermarkConfig withStrength(double newStrength) {
        return new WatermarkConfig(globalKey, newStrength, scope);
    }

    public WatermarkConfig withScope(WatermarkScope newScope) {
        return new WatermarkConfig(globalKey, strength, newScope);
    }
}
