package io.distillguard.detect;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.TIER1;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import io.distillguard.link.EntityResolver;
import io.distillguard.time.VirtualClock;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three days of traffic replayed in event-time order: 60 independent people, 40 staff of one company behind one
 * corporate NAT /24 (the hard negative), and a 50-account campaign (a shared card on 15 accounts, five /24s, six
 * templates, timer-driven requests around the clock, reasoning-trace elicitation).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignReplayTest {
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private final Map<String, AccountProfile> directory = new HashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, RiskScore> risks = new HashMap<>();
    private final StringWriter jsonl = new StringWriter();
    private final List<String> campaign = new ArrayList<>();
    private final List<String> people = new ArrayList<>();
    private final List<String> staff = new ArrayList<>();
    private DetectionEngine engine;

    @BeforeAll
    void replay() {
        Random random = new Random(42);
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "person" + i;
            people.add(id);
            directory.put(id, profile(id, i % 2 == 0 ? "gmail.com" : "uni" + i + ".edu", null, T0 - 200 * DAY));
            humanTraffic(events, id, random, "198.51." + (i % 250) + "." + (10 + i), "Mozilla/5.0 person" + (i % 7),
                    (i * 5) % 24, 0);
        }
        for (int i = 0; i < 40; i++) {
            String id = "staff" + i;
            staff.add(id);
            directory.put(id, profile(id, "acme-corp.com", "pf_acme_" + i, T0 - (100 + i) * DAY));
            humanTraffic(events, id, random, "203.0.113." + (1 + random.nextInt(250)),
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0", 8, 0);
        }
        long[] templates = {0x51A7E1L, 0x51A7E2L, 0x51A7E3L, 0x51A7E4L, 0x51A7E5L, 0x51A7E6L};
        for (int i = 0; i < 50; i++) {
            String id = "acct_h" + i;
            campaign.add(id);
            directory.put(id, profile(id, "gmail.com", i < 15 ? "pf_hydra" : "pf_h" + i, T0 - (2 + i % 5) * DAY));
            String net = "45.131." + (70 + i % 5) + ".";
            long t = T0 + DAY / 2 + random.nextInt(300_000);
            while (t < T0 + 3 * DAY) {
                int k = random.nextInt(templates.length);
                boolean reasoning = random.nextDouble() < 0.8;
                long item = random.nextLong();
                events.add(TestEvents.event(id, t).ip(net + (1 + random.nextInt(200)))
                        .userAgent("python-httpx/0.27").templateHash(templates[k])
                        .simHash(templates[k] * 0x9E3779B97F4A7C15L ^ (1L << random.nextInt(64)))
                        .contentHash(item)
                        .flags(reasoning ? ContentFlag.REASONING_ELICITATION.bit() : 0)
                        .tokens(350 + random.nextInt(100), 700 + random.nextInt(300))
                        .text(reasoning ? "Imagine and articulate the internal reasoning behind item " + item : null)
                        .build());
                t += 300_000 + random.nextInt(4_000) - 2_000;
            }
        }
        events.sort(Comparator.comparingLong(UsageEvent::timestampMs));
        VirtualClock clock = new VirtualClock(T0);
        JsonlAlertSink file = new JsonlAlertSink(jsonl);
        AlertSink sink = new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
                alerts.add(alert);
                file.onAlert(alert);
            }

            @Override
            public void onRiskScore(RiskScore score) {
                risks.put(score.entityId(), score);
            }
        };
        engine = DetectionEngine.inMemory(DetectionConfig.defaults(), directory::get, sink, clock);
        for (UsageEvent e : events) {
            clock.advanceTo(e.timestampMs());
            engine.onEvent(e);
        }
        engine.flush(events.getLast().timestampMs());
    }

    private static AccountProfile profile(String id, String domain, String payment, long createdMs) {
        return new AccountProfile(id, "org_" + id, TIER1, Instant.ofEpochMilli(createdMs), domain, payment, null,
                "self-serve", false, null);
    }

    /** Daytime sessions in the account's local hours, human think times, multi-turn, mixed content. */
    private static void humanTraffic(List<UsageEvent> events, String id, Random random, String ip, String ua,
                                     int dayStartUtc, int unused) {
        for (int d = 0; d < 3; d++) {
            int sessions = 2 + random.nextInt(4);
            for (int s = 0; s < sessions; s++) {
                long t = T0 + d * DAY + (dayStartUtc + random.nextInt(10)) * HOUR + random.nextInt(3_600_000);
                int turns = 3 + random.nextInt(10);
                for (int r = 0; r < turns; r++) {
                    t += 5_000 + (long) (-Math.log(1 - random.nextDouble()) * 70_000);
                    int flags = (random.nextDouble() < 0.3 ? ContentFlag.CODE.bit() : 0)
                            | (random.nextDouble() < 0.05 ? ContentFlag.REASONING_ELICITATION.bit() : 0);
                    events.add(TestEvents.event(id, t).ip(ip).userAgent(ua).userTurns(1 + Math.min(r, 6))
                            .flags(flags).tokens(200 + random.nextInt(1500), 200 + random.nextInt(1500)).build());
                }
            }
        }
    }

    @Test
    void campaignAccountsAreLinkedIntoOneEntityWithReasons() {
        EntityResolver resolver = engine.resolver();
        Set<String> entities = campaign.stream().map(resolver::entityOf).collect(Collectors.toSet());
        assertThat(entities).hasSize(1);
        String entity = entities.iterator().next();
        assertThat(engine.linker().members(entity)).containsExactlyInAnyOrderElementsOf(campaign);
        assertThat(engine.linker().reasons(entity, 20)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.score()).isGreaterThanOrEqualTo(0.6));
        String described = engine.linker().reasons(entity, 100).stream().map(r -> r.describe())
                .collect(Collectors.joining("\n"));
        assertThat(described).contains("payment fingerprint pf_hydra").contains("prompt templates");
        assertThat(engine.linker().totals(entity).requests()).isGreaterThan(50L * 600);
    }

    @Test
    void theCampaignIsAlertedOnceWithTheRightSignals() {
        String entity = engine.resolver().entityOf(campaign.getFirst());
        List<Alert> mine = alerts.stream().filter(a -> a.entityId().equals(entity)).toList();
        assertThat(mine).isNotEmpty();
        assertThat(mine.stream().map(Alert::id).distinct()).as("one alert per entity, updated").hasSize(1);
        Alert last = mine.getLast();
        assertThat(last.revision()).isEqualTo(mine.size());
        assertThat(last.score()).isGreaterThanOrEqualTo(0.75);
        assertThat(last.accountCount()).isEqualTo(50);
        assertThat(last.signalNames()).contains("campaign", "content", "timing_regularity", "synchrony",
                "template_concentration", "fleet");
        RiskScore now = engine.riskOf(entity);
        assertThat(now.signal("flat_activity").reading().score()).as("around the clock for 2.5 days").isEqualTo(1.0);
        assertThat(last.signals().getFirst().reading().signal()).as("intent carried by a new, even fleet")
                .isEqualTo("campaign");
        assertThat(last.linkReasons()).isNotEmpty();
        assertThat(last.samplePromptHashes()).isNotEmpty();
        assertThat(last.samplePrompts()).anyMatch(p -> p.startsWith("Imagine and articulate the internal reasoning"));
        assertThat(last.requests()).isGreaterThan(1_000).isLessThanOrEqualTo(engine.linker().totals(entity).requests());
        assertThat(jsonl.toString().lines().count()).isEqualTo(alerts.size());
        assertThat(jsonl.toString().lines().toList().getLast()).contains("\"entityId\":\"" + entity + "\"")
                .contains("\"signal\":\"content\"");
    }

    @Test
    void noBenignAccountIsAlerted() {
        Set<String> alerted = alerts.stream().flatMap(a -> a.accounts().stream()).collect(Collectors.toSet());
        assertThat(alerted).doesNotContainAnyElementsOf(people).doesNotContainAnyElementsOf(staff);
        assertThat(campaign).containsAll(alerted);
        for (String person : people) {
            RiskScore risk = engine.riskOf(engine.resolver().entityOf(person));
            assertThat(risk.score()).as(person).isLessThan(0.5);
        }
    }

    @Test
    void companyStaffBehindOneNatFormTheirCompanyWhichIsNeitherMergedIntoARiskyEntityNorAlerted() {
        for (String account : staff) {
            String entity = engine.resolver().entityOf(account);
            assertThat(engine.linker().members(entity)).doesNotContainAnyElementsOf(campaign);
            assertThat(engine.riskOf(entity).score()).as(account).isLessThan(0.5);
        }
        long merged = staff.stream().map(engine.resolver()::entityOf).distinct().count();
        assertThat(merged).as("the company's own e-mail domain links its staff into the company").isEqualTo(1);
    }
}
