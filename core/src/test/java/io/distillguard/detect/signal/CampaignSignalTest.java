package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.PromptFeatures;
import io.distillguard.feature.SharedPrompts;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignSignalTest {
    private static final String COT = "Solve the following problem. Think step by step and show your internal "
            + "reasoning before the final answer.\n\nProblem: ";
    private final CampaignSignal signal = new CampaignSignal();

    /** {@code accounts} accounts created {@code daysOld} days ago take turns sending {@code prompts}, 20 min apart. */
    private static String[] fleet(SignalFixture f, String prefix, int accounts, int daysOld,
                                  List<PromptFeatures> prompts) {
        String[] ids = new String[accounts];
        for (int a = 0; a < accounts; a++) {
            ids[a] = prefix + a;
            f.account(RealPromptTraffic.account(ids[a], daysOld + a % 2));
        }
        for (int i = 0; i < prompts.size(); i++) {
            f.add(event(ids[i % accounts], T0 + i * 60_000L).features(prompts.get(i)).tokens(120, 150).build());
        }
        return ids;
    }

    private static List<PromptFeatures> cotGsm8k(int n) {
        return SharedPrompts.gsm8kQuestions(n).stream().map(q -> RealPromptTraffic.single(COT + q)).toList();
    }

    @Test
    void reasoningElicitationCarriedByANewEvenFleetIsACampaign() {
        SignalFixture f = new SignalFixture();
        String[] hydra = fleet(f, "h", 12, 1, cotGsm8k(240));
        SignalScore s = f.score(signal, hydra);
        assertThat(s.score()).isGreaterThan(0.9);
        assertThat(s.explanation()).contains("reasoning_elicitation").contains("12 linked accounts, 100% new");
    }

    @Test
    void intentWithoutAFleetOrAFleetWithoutIntentIsNot() {
        SignalFixture f = new SignalFixture();
        String[] single = fleet(f, "solo", 1, 1, cotGsm8k(120));
        List<PromptFeatures> chat = RealPromptTraffic.conversations(SharedPrompts.shareGptHumanTurns(240), 4);
        String[] team = fleet(f, "team", 12, 1, chat);
        assertThat(f.score(signal, single).score()).isZero();
        SignalScore teamReading = f.score(signal, team);
        assertThat(teamReading.score()).as("a new team chatting: fleet without intent").isLessThan(0.1);
        assertThat(teamReading.explanation()).contains("12 linked accounts, 100% new");
    }

    @Test
    void establishedOrUnevenAccountsAreNotANewFleet() {
        SignalFixture f = new SignalFixture();
        String[] staff = fleet(f, "staff", 12, 200, cotGsm8k(240));
        assertThat(f.score(signal, staff).score()).as("established accounts").isZero();
        List<PromptFeatures> cot = cotGsm8k(200);
        String[] uneven = {"u0", "u1", "u2", "u3"};
        for (String id : uneven) {
            f.account(RealPromptTraffic.account(id, 1));
        }
        for (int i = 0; i < cot.size(); i++) {
            String id = i < 190 ? "u0" : uneven[1 + i % 3];
            f.add(event(id, T0 + i * 60_000L).features(cot.get(i)).tokens(120, 150).build());
        }
        assertThat(f.score(signal, uneven).score()).as("one busy account and three idle ones").isZero();
    }
}
