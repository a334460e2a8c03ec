package io.distillguard.link;

import io.distillguard.detect.account.AccountProfile;
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
    static final String PREFIX = "ent_";
    private static final LinkKind[] KINDS = LinkKind.values();

    private final LinkConfig config;
    /** Holders per string-valued kind and value (one map per kind, so keys are the values themselves). */
    private final List<Map<String, ValueHolders>> index = new ArrayList<>(KINDS.length);
    private final LongObjectMap<ValueHolders> templates = new LongObjectMap<>();
    private final Map<String, LinkState> accounts = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    /** "org|domain" pairs indexed: an organisation's e-mail domain is indexed for its first account only. */
    private final Set<String> orgDomains = new java.util.HashSet<>();
    private final ConcurrentHashMap<String, String> linkedEntity = new ConcurrentHashMap<>();
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final Set<String> allowlisted = ConcurrentHashMap.newKeySet();
    private final FrequencySketch templateFrequency = new FrequencySketch();
    private final UsageLedger ledger = new UsageLedger();
    private MembershipListener listener = MembershipListener.NONE;

    public AccountLinker(LinkConfig config) {
        this.config = Objects.requireNonNull(config);
        for (int i = 0; i < KINDS.length; i++) {
            index.add(new HashMap<>());
        }
    }

    public void setListener(MembershipListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    // ---- input ----

    /**
     * Registers an account's signup attributes (payment, verified ID, email domain, ASN, signup burst) unless it has
     * indexed values already; returns the account's link state, to pass to {@link #observe(UsageEvent, LinkState)}.
     */
    public LinkState register(AccountProfile p) {
        LinkState links = state(p.accountId());
        if (links.valueCount > 0) {
            return links;
        }
        add(links, LinkKind.PAYMENT_FINGERPRINT, p.paymentFingerprintHash(), 1);
        add(links, LinkKind.VERIFIED_ID, p.verifiedIdHash(), 1);
        // Colleagues in one organisation share its domain as a matter of course (and the organisation already is a
        // limit scope); a private domain links only across organisations, so it is indexed once per organisation.
        if (p.emailDomain() != null && !config.isPublicEmailDomain(p.emailDomain())
                && (p.orgId() == null || orgDomains.add(p.orgId() + "|" + p.emailDomain()))) {
            add(links, LinkKind.EMAIL_DOMAIN, p.emailDomain(), 1);
        }
        if (p.asn() != null) {
            add(links, LinkKind.ASN, "AS" + p.asn(), 1);
        }
        if (p.signupPath() != null) {
            long bucket = Math.floorDiv(p.createdAt().toEpochMilli(), config.signupBurstMs());
            add(links, LinkKind.SIGNUP_BURST, p.signupPath() + "@" + bucket, 1);
        }
        return links;
    }

    /**
     * Takes one request's network, client and prompt-template attributes and its usage; returns the entity the
     * account belongs to afterwards (null for an event without an account).
     */
    public String observe(UsageEvent e) {
        String account = e.accountId();
        return account == null ? null : observe(e, state(account));
    }

    /** {@link #observe(UsageEvent)} with the account's state at hand (from {@link #register}): no lookup. */
    public String observe(UsageEvent e, LinkState links) {
        return observe(e, links, AsnLookup.NONE);
    }

    /**
     * {@link #observe(UsageEvent, LinkState)} that also resolves the client address to its ASN with {@code asns}
     * (the operator's ASN database) whenever the account's address changes, and links on it as
     * {@link #observeAsn} does. The lookup is an argument, not a field: the linker's fields are snapshot state.
     */
    public String observe(UsageEvent e, LinkState links, AsnLookup asns) {
        ledger.record(links, e.timestampMs(), e.inputTokens(), e.outputTokens());
        links.events++;
        links.slots.update(e.timestampMs());
        if (!Objects.equals(links.lastIp, e.clientIp())) {
            links.lastIp = e.clientIp();
            add(links, LinkKind.IP_PREFIX, IpPrefix.of(e.clientIp()), 1);
            if (asns != AsnLookup.NONE && e.clientIp() != null) {
                int asn = asns.asnOf(e.clientIp());
                if (asn > 0) {
                    add(links, LinkKind.ASN, "AS" + asn, 1);
                }
            }
        }
        if (!Objects.equals(links.lastUserAgent, e.userAgent())) {
            links.lastUserAgent = e.userAgent();
            add(links, LinkKind.USER_AGENT, e.userAgent(), 1);
        }
        if (!Objects.equals(links.lastFingerprint, e.clientFingerprint())) {
            links.lastFingerprint = e.clientFingerprint();
            add(links, LinkKind.CLIENT_FINGERPRINT, e.clientFingerprint(), 1);
        }
        long template = e.prompt().templateHash();
        if (template != 0 && templateFrequency.add(template) >= config.templateMinUses()
                && links.templateCount < config.maxValuesPerKind() && !links.holdsTemplate(template)) {
            addTemplate(links, template);
        }
        if (links.events % config.timingEveryEvents() == 0) {
            rescore(links);
        }
        return links.entity();
    }

    /**
     * Takes the ASN of an account's client address, resolved by the caller from the operator's ASN database (events
     * do this through {@link #observe(UsageEvent, LinkState, AsnLookup)}): a shared ASN links like a shared network, weighted by how many accounts
     * share it ({@link LinkKind#ASN}). The lookup stays outside the linker, whose fields are snapshot state.
     */
    public void observeAsn(String accountId, int asn) {
        if (accountId != null && asn > 0) {
            add(state(accountId), LinkKind.ASN, "AS" + asn, 1);
        }
    }

    private LinkState state(String accountId) {
        LinkState links = accounts.get(accountId);
        if (links == null) {
            links = new LinkState(accountId);
            accounts.put(accountId, links);
        }
        return links;
    }

    private void add(LinkState links, LinkKind kind, String value, double rarity) {
        if (value == null || value.isEmpty() || links.valuesOf(kind) >= config.maxValuesPerKind()) {
            return;
        }
        Map<String, ValueHolders> values = index.get(kind.ordinal());
        ValueHolders holders = values.get(value);
        if (holders == null) {
            holders = new ValueHolders(kind, value, 0);
            values.put(value, holders);
        } else if (links.holds(holders)) {
            return;
        }
        hold(links, holders, rarity);
    }

    private void addTemplate(LinkState links, long template) {
        ValueHolders holders = templates.get(template);
        double rarity = LinkKind.PROMPT_TEMPLATE.rarity(holders == null ? 1 : holders.count + 1);
        if (holders == null) {
            holders = new ValueHolders(LinkKind.PROMPT_TEMPLATE, null, template);
            templates.put(template, holders);
        }
        hold(links, holders, rarity);
    }

    /** Makes {@code links} a holder of the value: pairs it with the value's anchors and evaluates those pairs. */
    private void hold(LinkState links, ValueHolders holders, double rarity) {
        links.addValue(holders);
        holders.count++;
        boolean opensPairs = holders.kind.weight(holders.count) >= config.minNewPairWeight();
        for (int i = 0, anchors = holders.anchorCount(); i < anchors; i++) {
            LinkState anchor = holders.anchor(i);
            PairEvidence pair = opensPairs ? pair(links, anchor) : links.pairWith(anchor);
            if (pair != null) {
                pair.share(holders, rarity);
                evaluate(pair);
            }
        }
        if (holders.anchorCount() < config.anchorsPerValue()) {
            holders.addAnchor(links);
        } else if (opensPairs && links.pairCount < config.maxPairsPerAccount()) {
            replaceFullAnchor(holders, links);
        }
    }

    /**
     * Lets {@code links} take the place of an anchor that has no room for pairs left. Without this, a value held by
     * more accounts than an anchor has pairs (a card behind a fleet of thousands) stopped pairing new holders once its
     * first anchors were full, and the fleet linked only up to about {@code maxPairsPerAccount} accounts; with it, new
     * holders pair with recent ones, whose links chain them to the earlier holders.
     */
    private void replaceFullAnchor(ValueHolders holders, LinkState links) {
        for (int i = 0, anchors = holders.anchorCount(); i < anchors; i++) {
            LinkState anchor = holders.anchor(i);
            if (anchor == links) {
                return;
            }
            if (anchor.pairCount >= config.maxPairsPerAccount()) {
                holders.replaceAnchor(i, links);
                return;
            }
        }
    }

    /** The pair of x and y, opened if both still have room for pairs (null otherwise). */
    private PairEvidence pair(LinkState x, LinkState y) {
        PairEvidence pair = x.pairWith(y);
        if (pair == null) {
            if (x.pairCount >= config.maxPairsPerAccount() || y.pairCount >= config.maxPairsPerAccount()) {
                return null;
            }
            pair = new PairEvidence(x, y);
            x.addPair(pair);
            y.addPair(pair);
        }
        return pair;
    }

    /** Refreshes correlated timing and rarity of an account's pairs; links or unlinks as the scores now say. */
    private void rescore(LinkState links) {
        Set<String> weakened = null;
        for (int i = 0; i < links.pairCount; i++) {
            PairEvidence pair = links.pairs[i];
            LinkState other = pair.other(links);
            if (links.slots.activeSlots() >= 6 && other.slots.activeSlots() >= 6) {
                pair.timing(links.slots.jaccard(other.slots));
            }
            if (pair.linked && !pair.isOperator() && pair.score() < config.linkThreshold() * 0.9) {
                pair.linked = false;
                if (weakened == null) {
                    weakened = new HashSet<>();
                }
                weakened.add(links.entity());
            } else {
                evaluate(pair);
            }
        }
        if (weakened != null) {
            for (String entity : weakened) {
                regroup(entity);
            }
        }
    }

    private void evaluate(PairEvidence pair) {
        if (pair.linked) {
            return;
        }
        boolean automaticAllowed = !pinned.contains(pair.a.accountId) && !pinned.contains(pair.b.accountId);
        if ((automaticAllowed || pair.isOperator()) && pair.score() >= config.linkThreshold()) {
            pair.linked = true;
            union(pair.a.entity(), pair.b.entity());
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
        List<LinkState> states = new ArrayList<>(merged.size());
        for (String account : merged) {
            linkedEntity.put(account, survivor);
            LinkState links = state(account);
            links.linkedEntity = survivor;
            states.add(links);
        }
        ledger.remove(absorbed);
        ledger.rebuild(survivor, states);
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
                LinkState links = accounts.get(account);
                for (int i = 0; i < links.pairCount; i++) {
                    PairEvidence pair = links.pairs[i];
                    String other = pair.other(links).accountId;
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
            List<LinkState> states = new ArrayList<>(component.size());
            if (component.size() == 1) {
                String account = component.iterator().next();
                linkedEntity.remove(account);
                LinkState links = state(account);
                links.linkedEntity = null;
                states.add(links);
            } else {
                members.put(id, component);
                for (String account : component) {
                    linkedEntity.put(account, id);
                    LinkState links = state(account);
                    links.linkedEntity = id;
                    states.add(links);
                }
            }
            ledger.rebuild(id, states);
            listener.split(id);
        }
        listener.split(entityId);
    }

    private boolean edgeHolds(PairEvidence pair) {
        return pair.isOperator() || (!pinned.contains(pair.a.accountId) && !pinned.contains(pair.b.accountId));
    }

    // ---- operator actions ----

    /** Takes {@code accountId} out of its entity and keeps it out of automatic links from now on. */
    public void split(String accountId) {
        pinned.add(accountId);
        String entity = entityOf(accountId);
        LinkState links = accounts.get(accountId);
        if (links != null) {
            for (int i = 0; i < links.pairCount; i++) {
                if (links.pairs[i].isOperator()) {
                    links.pairs[i].linked = false;
                }
            }
        }
        if (members(entity).size() > 1) {
            regroup(entity);
        }
    }

    /** Joins the entities of {@code a} and {@code b} by an operator link, which no automatic rule undoes. */
    public void merge(String a, String b) {
        LinkState x = state(a);
        LinkState y = state(b);
        PairEvidence pair = x.pairWith(y);
        if (pair == null) {
            pair = new PairEvidence(x, y);
            x.addPair(pair);
            y.addPair(pair);
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
            LinkState links = accounts.get(account);
            if (links == null) {
                continue;
            }
            for (int i = 0; i < links.pairCount; i++) {
                PairEvidence pair = links.pairs[i];
                if (pair.linked && m.contains(pair.other(links).accountId) && seen.add(pair)) {
                    out.add(pair.reason());
                }
            }
        }
        out.sort(Comparator.comparingDouble(LinkReason::score).reversed());
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /** The current link score of two accounts (0 when they share nothing known). */
    public double linkScore(String a, String b) {
        LinkState x = accounts.get(a);
        LinkState y = accounts.get(b);
        PairEvidence pair = x == null || y == null ? null : x.pairWith(y);
        return pair == null ? 0 : pair.score();
    }

    /** Entities with more than one account. */
    public Set<String> linkedEntities() {
        return members.keySet();
    }

    public LinkConfig config() {
        return config;
    }
}
