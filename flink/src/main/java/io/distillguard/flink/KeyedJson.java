package io.distillguard.flink;

import java.io.Serializable;

/** One record for an output topic: its key (entity, or decision scope and rule) and its JSON value. */
public record KeyedJson(String key, String json) implements Serializable {
}
