package io.distillguard.link;

import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.sketch.ActivitySlots;
import io.distillguard.event.UsageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account graph: accounts joined by weighted evidence of shared attributes (payment, verified ID, email domain,
 * network, ASN, client fingerprint, user agent, signup bursts, recurring prompt templates, correlated timing), unioned
 * into entities when a pair's score crosses the threshold, with the reasons kept for every link. Weights follow rarity
 * (see {@link LinkKind}); each attribute value pairs a new holder only with its first {@code anchorsPerValue} holders,
 * so memory grows with accounts times attributes, not with the square of a value's holders.
 *
 * <p>Written by one thread (the detection engine's); {@link #entityOf} and {@link #totals} may be called from any
 * thread. Operators can {@link #split}, {@link #merge} and {@link #allowlist}.
 */
public final class AccountLinker {
    private static final String PREFIX = "ent_";

    private final LinkConfig config;
    private final Map<String, ValueHolders> index = new HashMap<>();
    private final Map<String, AccountLinks> accounts = new HashMap<>();
    private final Map<String, PairEvidence> pairs = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final ConcurrentHashMap<String, String> linkedEntity = new ConcurrentHashMap<>();
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final Set<String> allowlisted = ConcurrentHashMap.newKeySet();
    private final FrequencySketch templateFrequency = new FrequencySketch();
    private final UsageLedger ledger = new UsageLedger();
    private MembershipListener listener = MembershipListener.NONE;

    /** Holders of one attribute value: how many, and the first few (the anchors new holders pair with). */
    private static final class ValueHolders {
        int count;
        final List<String> anchors = new ArrayList<>(2);
    }

    /** Per-account linking state: last seen raw values, indexed keys, timing mask, pairs. */
    private static final class AccountLinks {
        final String ownEntity;
        UsageLedger.Counter usage;
        String lastIp;
        String lastUserAgent;
        String lastFingerprint;
        final Set<String> keys = new HashSet<>();
        final int[] perKind = new int[LinkKind.values().length];
        final ActivitySlots slots = new ActivitySlots(ActivitySlots.DEFAULT_SLOT_MS);
        final List<PairEvidence> pairs = new ArrayList<>(0);
        long events;

        AccountLinks(String accountId) {
            ownEntity = PREFIX + accountId;
        }

        UsageLedger.Counter usage(UsageLedger ledger) {
            if (usage == null) {
                usage = ledger.account(ownEntity.substring(PREFIX.length()));
            }
            return usage;
        }
    }

    public AccountLinker(LinkConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    public void setListener(MembershipListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    // ---- input ----

    /** Registers an account's signup attributes (payment, verified ID, email domain, ASN, signup burst). */
    public void register(AccountProfile p) {
        AccountLinks links = accounts.computeIfAbsent(p.accountId(), AccountLinks::new);
        if (!links.keys.isEmpty()) {
            return;
        }
        add(p.accountId(), links, LinkKind.PAYMENT_FINGERPRINT, p.paymentFingerprintHash(), 1);
        add(p.accountId(), links, LinkKind.VERIFIED_ID, p.verifiedIdHash(), 1);
        if (!config.isPublicEmailDomain(p.emailDomain())) {
            add(p.accountId(), links, LinkKind.EMAIL_DOMAIN, p.emailDomain(), 1);
        }
        if (p.asn() != null) {
            add(p.accountId(), links, LinkKind.ASN, "AS" + p.asn(), 1);
        }
        if (p.signupPath() != null) {
            long bucket = Math.floorDiv(p.createdAt().toEpochMilli(), config.signupBurstMs());
            add(p.accountId(), links, LinkKind.SIGNUP_BURST, p.signupPath() + "@" + bucket, 1);
        }
    }

    /**
     * Takes one request's network, client and prompt-template attributes and its usage; returns the entity the
     * account belongs to afterwards (null for an event without an account).
     */
    public String observe(UsageEvent e) {
        String account = e.accountId();
        if (account == null) {
            return null;
        }
        AccountLinks links = accounts.get(account);
        if (links == null) {
            links = new AccountLinks(account);
            accounts.put(account, links);
        }
        ledger.record(links.usage(ledger), entity(account, links), e.timestampMs(), e.inputTokens(),
                e.outputTokens());
        links.events++;
        links.slots.update(e.timestampMs());
        if (!Objects.equals(links.lastIp, e.clientIp())) {
            links.lastIp = e.clientIp();
            add(account, links, LinkKind.IP_PREFIX, IpPrefix.of(e.clientIp()), 1);
        }
        if (!Objects.equals(links.lastUserAgent, e.userAgent())) {
            links.lastUserAgent = e.userAgent();
            add(account, links, LinkKind.USER_AGENT, e.userAgent(), 1);
        }
        if (!Objects.equals(links.lastFingerprint, e.clientFingerprint())) {
            links.lastFingerprint = e.clientFingerprint();
            add(account, links, LinkKind.CLIENT_FINGERPRINT, e.clientFingerprint(), 1);
        }
        long template = e.prompt().templateHash();
        if (template != 0 && templateFrequency.add(template) >= config.templateMinUses()) {
            String value = Long.toHexString(template);
            ValueHolders holders = index.get(LinkKind.PROMPT_TEMPLATE.ordinal() + ":" + value);
            double rarity = LinkKind.PROMPT_TEMPLATE.rarity(holders == null ? 1 : holders.count + 1);
            add(account, links, LinkKind.PROMPT_TEMPLATE, value, rarity);
        }
        if (links.events % config.timingEveryEvents() == 0) {
            rescore(account, links);
        }
        return entity(account, links);
    }

    private String entity(String account, AccountLinks links) {
        String linked = linkedEntity.get(account);
        return linked != null ? linked : links.ownEntity;
    }

    private void add(String account, AccountLinks links, LinkKind kind, String value, double rarity) {
        if (value == null || value.isEmpty() || links.perKind[kind.ordinal()] >= config.maxValuesPerKind()) {
            return;
        }
        String key = kind.ordinal() + ":" + value;
        if (!links.keys.add(key)) {
            return;
        }
        links.perKind[kind.ordinal()]++;
        ValueHolders holders = index.computeIfAbsent(key, k -> new ValueHolders());
        holders.count++;
        boolean opensPairs = kind.weight(holders.count) >= config.minNewPairWeight();
        for (String anchor : holders.anchors) {
            PairEvidence pair = opensPairs ? pair(account, anchor) : existingPair(account, anchor);
            if (pair != null) {
                pair.share(kind, key, value, rarity);
                evaluate(pair);
            }
        }
        if (holders.anchors.size() < config.anchorsPerValue()) {
            holders.anchors.add(account);
        }
    }

    private static String pairId(String x, String y) {
        return x.compareTo(y) <= 0 ? x + '\u0000' + y : y + '\u0000' + x;
    }

    private PairEvidence existingPair(String x, String y) {
        return pairs.get(pairId(x, y));
    }

    /** The pair of x and y, opened if both still have room for pairs (null otherwise). */
    private PairEvidence pair(String x, String y) {
        String id = pairId(x, y);
        PairEvidence pair = pairs.get(id);
        if (pair == null) {
            if (accounts.get(x).pairs.size() >= config.maxPairsPerAccount()
                    || accounts.get(y).pairs.size() >= config.maxPairsPerAccount()) {
                return null;
            }
            pair = new PairEvidence(x, y);
            pairs.put(id, pair);
            accounts.computeIfAbsent(x, AccountLinks::new).pairs.add(pair);
            accounts.computeIfAbsent(y, AccountLinks::new).pairs.add(pair);
        }
        return pair;
    }

    /** Refreshes correlated timing and rarity of an account's pairs; links or unlinks as the scores now say. */
    private void rescore(String account, AccountLinks links) {
        Set<String> weakened = new HashSet<>();
        for (PairEvidence pair : links.pairs) {
            AccountLinks other = accounts.get(pair.other(account));
            if (links.slots.activeSlots() >= 6 && other.slots.activeSlots() >= 6) {
                pair.timing(links.slots.jaccard(other.slots));
            }
            if (pair.linked && !pair.isOperator() && pair.score(this::holders) < config.linkThreshold() * 0.9) {
                pair.linked = false;
                weakened.add(entityOf(account));
            } else {
                evaluate(pair);
            }
        }
        for (String entity : weakened) {
            regroup(entity);
        }
    }

    private int holders(String key) {
        ValueHolders h = index.get(key);
        return h == null ? 0 : h.count;
    }

    private void evaluate(PairEvidence pair) {
        if (pair.linked) {
            return;
        }
        boolean automaticAllowed = !pinned.contains(pair.a) && !pinned.contains(pair.b);
        if ((automaticAllowed || pair.isOperator()) && pair.score(this::holders) >= config.linkThreshold()) {
            pair.linked = true;
            union(entityOf(pair.a), entityOf(pair.b));
        }
    }

    // ---- entities ----

    private void union(String x, String y) {
        if (x.equals(y)) {
            return;
        }
        Set<String> mx = members(x);
        Set<String> my = members(y);
        boolean xSurvives = mx.size() > my.size() || (mx.size() == my.size() && x.compareTo(y) < 0);
        String survivor = xSurvives ? x : y;
        String absorbed = xSurvives ? y : x;
        Set<String> merged = new LinkedHashSet<>(xSurvives ? mx : my);
        merged.addAll(xSurvives ? my : mx);
        members.remove(absorbed);
        members.put(survivor, merged);
        for (String account : merged) {
            linkedEntity.put(account, survivor);
        }
        ledger.remove(absorbed);
        ledger.rebuild(survivor, merged);
        listener.merged(survivor, absorbed);
    }

    /** Recomputes the connected components of {@code entityId} over its linked pairs, after links were removed. */
    private void regroup(String entityId) {
        Set<String> remaining = new LinkedHashSet<>(members(entityId));
        List<Set<String>> components = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String start = remaining.iterator().next();
            Set<String> component = new LinkedHashSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
            remaining.remove(start);
            while (!queue.isEmpty()) {
                String account = queue.poll();
                component.add(account);
                for (PairEvidence pair : accounts.get(account).pairs) {
                    String other = pair.other(account);
                    if (pair.linked && remaining.contains(other) && edgeHolds(pair)) {
                        remaining.remove(other);
                        queue.add(other);
                    }
                }
            }
            components.add(component);
        }
        components.sort(Comparator.comparingInt((Set<String> c) -> c.size()).reversed());
        members.remove(entityId);
        ledger.remove(entityId);
        for (int i = 0; i < components.size(); i++) {
            Set<String> component = components.get(i);
            // an entity id always names one of its accounts, so ids of split-off singletons never collide
            String id = component.contains(entityId.substring(PREFIX.length())) ? entityId
                    : PREFIX + component.stream().min(String::compareTo).orElseThrow();
            if (component.size() == 1) {
                linkedEntity.remove(component.iterator().next());
            } else {
                members.put(id, component);
                for (String account : component) {
                    linkedEntity.put(account, id);
                }
            }
            ledger.rebuild(id, component);
            listener.split(id);
        }
        listener.split(entityId);
    }

    private boolean edgeHolds(PairEvidence pair) {
        return pair.isOperator() || (!pinned.contains(pair.a) && !pinned.contains(pair.b));
    }

    // ---- operator actions ----

    /** Takes {@code accountId} out of its entity and keeps it out of automatic links from now on. */
    public void split(String accountId) {
        pinned.add(accountId);
        String entity = entityOf(accountId);
        AccountLinks links = accounts.get(accountId);
        if (links != null) {
            for (PairEvidence pair : links.pairs) {
                if (pair.isOperator()) {
                    pair.linked = false;
                }
            }
        }
        if (members(entity).size() > 1) {
            regroup(entity);
        }
    }

    /** Joins the entities of {@code a} and {@code b} by an operator link, which no automatic rule undoes. */
    public void merge(String a, String b) {
        accounts.computeIfAbsent(a, AccountLinks::new);
        accounts.computeIfAbsent(b, AccountLinks::new);
        PairEvidence pair = existingPair(a, b);
        if (pair == null) {
            pair = new PairEvidence(a, b);
            pairs.put(pairId(a, b), pair);
            accounts.get(a).pairs.add(pair);
            accounts.get(b).pairs.add(pair);
        }
        pair.operatorMerge();
        pair.linked = true;
        union(entityOf(a), entityOf(b));
    }

    /** Marks {@code accountId} as known-good: split out of any automatic entity and never alerted on its own. */
    public void allowlist(String accountId) {
        allowlisted.add(accountId);
        split(accountId);
    }

    // ---- reads ----

    /** The entity of {@code accountId} (any thread). An unlinked account is its own entity, {@code "ent_" + id}. */
    public String entityOf(String accountId) {
        String entity = linkedEntity.get(accountId);
        return entity != null ? entity : PREFIX + accountId;
    }

    /** The accounts of {@code entityId} (engine thread). */
    public Set<String> members(String entityId) {
        Set<String> m = members.get(entityId);
        if (m != null) {
            return m;
        }
        return entityId.startsWith(PREFIX) ? Set.of(entityId.substring(PREFIX.length())) : Set.of();
    }

    /** Requests and tokens of {@code entityId} so far (any thread). */
    public EntityTotals totals(String entityId) {
        return ledger.totals(entityId);
    }

    /** Whether every account of {@code entityId} is allowlisted. */
    public boolean isAllowlisted(String entityId) {
        Set<String> m = members(entityId);
        return !m.isEmpty() && allowlisted.containsAll(m);
    }

    /** The links that hold {@code entityId} together, strongest first, at most {@code max}. */
    public List<LinkReason> reasons(String entityId, int max) {
        Set<String> m = members(entityId);
        List<LinkReason> out = new ArrayList<>();
        Set<PairEvidence> seen = new HashSet<>();
        for (String account : m) {
            AccountLinks links = accounts.get(account);
            if (links == null) {
                continue;
            }
            for (PairEvidence pair : links.pairs) {
                if (pair.linked && m.contains(pair.other(account)) && seen.add(pair)) {
                    out.add(pair.reason(this::holders));
                }
            }
        }
        out.sort(Comparator.comparingDouble(LinkReason::score).reversed());
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /** The current link score of two accounts (0 when they share nothing known). */
    public double linkScore(String a, String b) {
        PairEvidence pair = existingPair(a, b);
        return pair == null ? 0 : pair.score(this::holders);
    }

    /** Entities with more than one account. */
    public Set<String> linkedEntities() {
        return members.keySet();
    }

    public LinkConfig config() {
        return config;
    }
}
