package io.distillguard.kafka;

import io.distillguard.event.UsageEvent;
import java.nio.charset.StandardCharsets;

/**
 * The Kafka key of a usage event, which decides its partition: the account id, so that one account's events stay in
 * order on one partition and the detection job can key by account without a shuffle. Events without an account
 * (unauthenticated requests) fall back to the entity id, then to {@code anonymous:<client ip>}, which spreads an
 * unauthenticated flood across partitions by source address instead of piling it on one.
 */
public final class EventKeys {
    private EventKeys() {
    }

    public static String key(UsageEvent event) {
        if (event.accountId() != null) {
            return event.accountId();
        }
        if (event.entityId() != null) {
            return event.entityId();
        }
        return "anonymous:" + (event.clientIp() == null ? "" : event.clientIp());
    }

    static byte[] keyBytes(UsageEvent event) {
        return key(event).getBytes(StandardCharsets.UTF_8);
    }
}
