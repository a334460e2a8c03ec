package io.distillguard.link;

/** Told when accounts change entity, so that per-entity state elsewhere (risk, alerts) follows. */
public interface MembershipListener {

    /** {@code absorbed} no longer exists: its accounts now belong to {@code survivor}. */
    void merged(String survivor, String absorbed);

    /** The accounts of {@code entityId} changed by a split (operator split or allowlist). */
    void split(String entityId);

    MembershipListener NONE = new MembershipListener() {
        @Override
        public void merged(String survivor, String absorbed) {
        }

        @Override
        public void split(String entityId) {
        }
    };
}
