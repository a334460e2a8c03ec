package io.distillguard.link;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.TIER1;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.distillguard.detect.account.AccountProfile;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AccountLinkerTest {
    private final AccountLinker linker = new AccountLinker(LinkConfig.defaults());

    private static AccountProfile profile(String id, String domain, String payment) {
        return new AccountProfile(id, "org_" + id, TIER1, Instant.ofEpochMilli(T0 - 90L * 86_400_000L), domain, payment,
                null, null, false, null);
    }

    @Test
    void aSharedCardLinksAccountsAndSaysWhy() {
        linker.register(profile("a", "gmail.com", "pf_1"));
        linker.register(profile("b", "gmail.com", "pf_1"));
        linker.register(profile("c", "gmail.com", "pf_2"));
        assertThat(linker.entityOf("a")).isEqualTo(linker.entityOf("b")).isNotEqualTo(linker.entityOf("c"));
        assertThat(linker.entityOf("c")).isEqualTo("ent_c");
        LinkReason reason = linker.reasons(linker.entityOf("a"), 5).getFirst();
        assertThat(reason.describe()).isEqualTo("a and b share payment fingerprint pf_1 (score 0.95)");
    }

    @Test
    void publicMailDomainsLinkNothingCompanyDomainsLinkAndHugeDomainsAreWeak() {
        for (int i = 0; i < 40; i++) {
            linker.register(profile("g" + i, "gmail.com", null));
            linker.register(profile("s" + i, "acme.com", null));
        }
        assertThat(linker.linkScore("g1", "g2")).isZero();
        assertThat(linker.linkScore("s1", "s2")).isEqualTo(0.65, within(1e-9));
        assertThat(linker.members(linker.entityOf("s0"))).hasSize(40);
        assertThat(linker.entityOf("g1")).isEqualTo("ent_g1");
        for (int i = 0; i < 3000; i++) {
            linker.register(profile("m" + i, "regional-mail.example", null));
        }
        assertThat(linker.linkScore("m1", "m2")).isBetween(0.0, 0.15);
    }

    @Test
    void colleaguesInOneOrganisationAreNotLinkedByItsDomainButAnotherOrganisationOnItIs() {
        for (int i = 0; i < 10; i++) { // ten staff accounts in the company's own organisation
            linker.register(new AccountProfile("staff" + i, "org_bigcorp", TIER1,
                    Instant.ofEpochMilli(T0 - 90L * 86_400_000L), "bigcorp.example", null, null, null, false, null));
        }
        assertThat(linker.linkScore("staff1", "staff2")).isZero();
        assertThat(linker.linkedEntities()).isEmpty();

        linker.register(profile("outside", "bigcorp.example", null)); // a separate organisation on the same domain
        assertThat(linker.linkScore("outside", "staff0")).isEqualTo(0.65, within(1e-9));
        assertThat(linker.entityOf("outside")).isEqualTo(linker.entityOf("staff0"));
    }

    @Test
    void aCardSharedByMoreAccountsThanAnAnchorHasPairsLinksThemAll() {
        for (int i = 0; i < 300; i++) {
            linker.register(profile("h" + i, "gmail.com", "pf_fleet"));
        }
        assertThat(linker.members(linker.entityOf("h0"))).hasSize(300);
        assertThat(linker.linkedEntities()).hasSize(1);
    }

    @Test
    void sharedTemplatesAndANetworkLinkWhileANatAloneDoesNot() {
        for (int i = 0; i < 30; i++) {
            String account = "nat" + i;
            linker.register(profile(account, null, null));
            for (int r = 0; r < 20; r++) {
                linker.observe(event(account, T0 + r * 60_000L).ip("203.0.113." + (r + i)).build());
            }
        }
        linker.register(profile("x", null, null));
        linker.register(profile("y", null, null));
        for (int r = 0; r < 60; r++) {
            for (String account : new String[] {"x", "y"}) {
                linker.observe(event(account, T0 + r * 60_000L).ip("45.1.2." + r).templateHash(1000 + r % 30).build());
            }
        }
        assertThat(linker.entityOf("x")).isEqualTo(linker.entityOf("y"));
        assertThat(linker.reasons(linker.entityOf("x"), 1).getFirst().describe())
                .contains("prompt templates").contains("network 45.1.2.0/24 (2 accounts)");
        assertThat(linker.linkScore("nat1", "nat2")).isLessThan(0.6);
        assertThat(linker.entityOf("nat1")).isEqualTo("ent_nat1");
    }

    @Test
    void operatorsSplitMergeAndAllowlistAndTotalsFollow() throws Exception {
        for (String id : new String[] {"a", "b", "c", "d"}) {
            linker.register(profile(id, null, id.equals("d") ? "pf_d" : "pf_abc"));
            linker.observe(event(id, T0).tokens(100, 200).build());
        }
        String abc = linker.entityOf("a");
        assertThat(linker.members(abc)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(linker.totals(abc).requests()).isEqualTo(3);
        assertThat(linker.totals(abc).outputTokens()).isEqualTo(600);

        linker.split("c");
        assertThat(linker.entityOf("c")).isEqualTo("ent_c");
        assertThat(linker.members(linker.entityOf("a"))).containsExactlyInAnyOrder("a", "b");
        assertThat(linker.totals(linker.entityOf("a")).requests()).isEqualTo(2);

        linker.merge("c", "d");
        assertThat(linker.entityOf("c")).isEqualTo(linker.entityOf("d"));
        assertThat(linker.reasons(linker.entityOf("d"), 5).getFirst().evidence()).contains("an operator merge");

        linker.allowlist("b");
        assertThat(linker.entityOf("b")).isEqualTo("ent_b");
        assertThat(linker.isAllowlisted("ent_b")).isTrue();
        assertThat(linker.isAllowlisted(linker.entityOf("a"))).isFalse();

        EntityResolver resolver = new LinkedEntityResolver(linker);
        String fromOtherThread = CompletableFuture.supplyAsync(() -> resolver.entityOf("d")).get();
        assertThat(fromOtherThread).isEqualTo(linker.entityOf("c"));
    }

    @Test
    void accountsRotatingThroughTheSameRareNetworksLinkWhileOneSharedNetworkDoesNot() {
        // Ten accounts of a rotating proxy pool over three /24s, ten sticky accounts spread over the same three /24s.
        String[] pools = {"203.0.113.", "198.18.7.", "198.18.9."};
        for (int i = 0; i < 10; i++) {
            linker.register(profile("proxy" + i, null, null));
            linker.register(profile("sticky" + i, null, null));
            for (int r = 0; r < 12; r++) {
                linker.observe(event("proxy" + i, T0 + r * 60_000L).ip(pools[(r + i) % 3] + (1 + r * 7 + i)).build());
                linker.observe(event("sticky" + i, T0 + r * 60_000L).ip(pools[i % 3] + (100 + i)).build());
            }
        }
        assertThat(linker.linkScore("proxy1", "proxy2")).isGreaterThan(linker.linkScore("sticky1", "sticky4") * 2);
        assertThat(linker.linkScore("sticky1", "sticky4")).isLessThan(0.3);
        assertThat(linker.entityOf("sticky1")).isEqualTo("ent_sticky1");
        assertThat(linker.linkScore("proxy1", "proxy2")).isBetween(0.45, 0.6);
    }

    @Test
    void addressesMapToTheirNetworks() {
        assertThat(IpPrefix.of("192.0.2.55")).isEqualTo("192.0.2.0/24");
        assertThat(IpPrefix.of("2001:db8:abcd:12::1")).isEqualTo("2001:db8:abcd::/48");
        assertThat(IpPrefix.of("not-an-ip")).isNull();
        assertThat(IpPrefix.of("300.1.1.1")).isNull();
    }
    @Test
    void aSharedRareAsnLinksWeaklyAndABigCloudAsnNotAtAll() throws Exception {
        AsnTable asns = AsnTable.load(java.nio.file.Path.of(
                getClass().getResource("/asn/ip2asn-v4-sample.tsv").toURI()));
        for (int i = 0; i < 200; i++) { // cloud tenants, each in its own /24 of one big ASN
            linker.register(profile("c" + i, null, null));
            linker.observe(event("c" + i, T0 + i).ip("100.64." + i + ".7").userAgent("ua" + i).build());
            linker.observeAsn("c" + i, asns.asnOf("100.64." + i + ".7"));
        }
        linker.register(profile("p1", null, null));
        linker.register(profile("p2", null, null));
        linker.observe(event("p1", T0).ip("45.1.2.5").userAgent("ua-p1").build()); // two /24s of one small proxy ASN
        linker.observe(event("p2", T0).ip("45.1.3.9").userAgent("ua-p2").build());
        linker.observeAsn("p1", asns.asnOf("45.1.2.5"));
        linker.observeAsn("p2", asns.asnOf("45.1.3.9"));

        assertThat(linker.linkScore("p1", "p2")).isCloseTo(LinkKind.ASN.weight(2), within(1e-9))
                .isLessThan(linker.config().linkThreshold());
        assertThat(linker.entityOf("p1")).isEqualTo("ent_p1");
        assertThat(linker.linkScore("c1", "c2")).isZero();
        assertThat(linker.linkedEntities()).isEmpty();
    }

    @Test
    void withoutAnAsnDatabaseSharedOperatorsAreInvisible() {
        linker.register(profile("p1", null, null));
        linker.register(profile("p2", null, null));
        linker.observe(event("p1", T0).ip("45.1.2.5").userAgent("ua-p1").build());
        linker.observe(event("p2", T0).ip("45.1.3.9").userAgent("ua-p2").build());
        linker.observeAsn("p1", AsnLookup.NONE.asnOf("45.1.2.5"));
        linker.observeAsn("p2", AsnLookup.NONE.asnOf("45.1.3.9"));
        assertThat(linker.linkScore("p1", "p2")).isZero();
    }
}
