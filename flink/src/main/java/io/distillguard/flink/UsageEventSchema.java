package io.distillguard.flink;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventCodec;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/** Reads the usage topic's values ({@link UsageEventCodec} JSON) into events. */
public final class UsageEventSchema extends AbstractDeserializationSchema<UsageEvent> {

    public UsageEventSchema() {
        super(UsageEvent.class);
    }

    @Override
    public UsageEvent deserialize(byte[] message) {
        return UsageEventCodec.decode(message);
    }
}
