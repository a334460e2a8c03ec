package io.distillguard.watermark;

/** Which responses carry a mark, and under which key. The policy engine switches an entity between these. */
public enum WatermarkScope {
    /** No watermark. */
    OFF,
    /** Every response under the global key: the most detection power, no attribution. */
    GLOBAL,
    /** Each entity's responses under its own sub-key, so that a mark found later names the entity. */
    PER_ENTITY
}
