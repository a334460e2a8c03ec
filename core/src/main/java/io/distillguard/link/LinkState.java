package io.distillguard.link;

import io.distillguard.detect.sketch.ActivitySlots;

/**
 * The linker's state of one account: its entity, usage, the attribute values it holds, its timing mask and its
 * pairs. Opaque outside this package: the detection engine keeps it in its per-account record and hands it back to
 * {@link AccountLinker#observe(io.distillguard.event.UsageEvent, LinkState)}, so an event costs no linker lookup.
 */
public final class LinkState {
    private static final ValueHolders[] NO_VALUES = new ValueHolders[0];
    private static final PairEvidence[] NO_PAIRS = new PairEvidence[0];

    final String accountId;
    final String ownEntity;
    /** The linked entity's id, null while the account is its own entity (mirrors the linker's concurrent map). */
    String linkedEntity;
    /** The account's usage; also the totals of its own entity while it is unlinked. */
    final UsageLedger.Counter usage = new UsageLedger.Counter(1);
    /** The counter of the entity the account belongs to, null until the ledger has one. */
    UsageLedger.Counter entityUsage;
    String lastIp;
    String lastUserAgent;
    String lastFingerprint;
    ValueHolders[] values = NO_VALUES;
    int valueCount;
    int templateCount;
    final ActivitySlots slots = new ActivitySlots(ActivitySlots.DEFAULT_SLOT_MS);
    PairEvidence[] pairs = NO_PAIRS;
    int pairCount;
    long events;

    LinkState(String accountId) {
        this.accountId = accountId;
        this.ownEntity = AccountLinker.PREFIX + accountId;
    }

    /**
     * Whether {@code entityId} is this account's own entity while the account is unlinked, i.e. an entity whose only
     * member is this account ({@link AccountLinker#members} of it is this account alone): scoring needs no member
     * lookup then.
     */
    public boolean isSoleMemberOf(String entityId) {
        return linkedEntity == null && (entityId == ownEntity || ownEntity.equals(entityId));
    }

    /** The account's id. */
    public String accountId() {
        return accountId;
    }

    /** The account's entity id. */
    String entity() {
        return linkedEntity != null ? linkedEntity : ownEntity;
    }

    boolean holds(ValueHolders holders) {
        for (int i = 0; i < valueCount; i++) {
            if (values[i] == holders) {
                return true;
            }
        }
        return false;
    }

    boolean holdsTemplate(long template) {
        for (int i = 0; i < valueCount; i++) {
            if (values[i].kind == LinkKind.PROMPT_TEMPLATE && values[i].template == template) {
                return true;
            }
        }
        return false;
    }

    int valuesOf(LinkKind kind) {
        if (kind == LinkKind.PROMPT_TEMPLATE) {
            return templateCount;
        }
        int n = 0;
        for (int i = 0; i < valueCount; i++) {
            if (values[i].kind == kind) {
                n++;
            }
        }
        return n;
    }

    void addValue(ValueHolders holders) {
        if (valueCount == values.length) {
            values = java.util.Arrays.copyOf(values, Math.max(4, valueCount + (valueCount >> 1)));
        }
        values[valueCount++] = holders;
        if (holders.kind == LinkKind.PROMPT_TEMPLATE) {
            templateCount++;
        }
    }

    void addPair(PairEvidence pair) {
        if (pairCount == pairs.length) {
            pairs = java.util.Arrays.copyOf(pairs, Math.max(2, pairCount + (pairCount >> 1) + 1));
        }
        pairs[pairCount++] = pair;
    }

    /** The pair with {@code other}, or null (pairs are few per account: a scan beats a map). */
    PairEvidence pairWith(LinkState other) {
        for (int i = 0; i < pairCount; i++) {
            if (pairs[i].a == other || pairs[i].b == other) {
                return pairs[i];
            }
        }
        return null;
    }
}
