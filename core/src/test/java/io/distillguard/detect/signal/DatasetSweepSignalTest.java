package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.feature.SharedPrompts;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSweepSignalTest {
    private static final String TICKET = "Classify the following customer support ticket into exactly one of: billing,"
            + " bug, feature_request, account, other. Reply with the label only.\n\nTicket: ";
    private final DatasetSweepSignal signal = new DatasetSweepSignal();

    /** {@code prompts} sent every 3 minutes from {@code account}, each answered with {@code output} tokens. */
    private static void sweep(SignalFixture f, String account, List<String> prompts, long output) {
        for (int i = 0; i < prompts.size(); i++) {
            f.add(event(account, T0 + i * 180_000L).features(RealPromptTraffic.single(prompts.get(i)))
                    .tokens(60, output).build());
        }
    }

    @Test
    void plainAlpacaInstructionsFromANewAccountAreADatasetSweep() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("distiller", 3));
        sweep(f, "distiller", SharedPrompts.alpacaPrompts(120), 200);
        SignalScore s = f.score(signal, "distiller");
        assertThat(s.score()).isGreaterThan(0.9);
        assertThat(s.explanation()).contains("account distiller (3 days old): 120 prompts").contains("100% single-turn");
    }

    @Test
    void theSameInstructionsFromAnEstablishedAccountOrWithShortAnswersAreNot() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("customer", 200));
        f.account(RealPromptTraffic.account("labeller", 3));
        sweep(f, "customer", SharedPrompts.alpacaPrompts(120), 200);
        sweep(f, "labeller", SharedPrompts.alpacaPrompts(120), 8);
        assertThat(f.score(signal, "customer").score()).isZero();
        assertThat(f.score(signal, "labeller").score()).as("8-token labels are not training targets").isZero();
    }

    @Test
    void aBatchJobFillingOneTemplateForLabelsIsNotASweep() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("batch", 3));
        f.account(RealPromptTraffic.account("old-batch", 200));
        sweep(f, "batch", SharedPrompts.alpacaPrompts(120).stream().map(p -> TICKET + p).toList(), 8);
        sweep(f, "old-batch", SharedPrompts.alpacaPrompts(120).stream().map(p -> TICKET + p).toList(), 200);
        SignalScore s = f.score(signal, "batch");
        assertThat(s.score()).as("8-token labels").isZero();
        assertThat(s.value()).as("the shape alone is a templated sweep").isGreaterThan(0.9);
        assertThat(f.score(signal, "old-batch").score()).as("an established account").isZero();
    }

    @Test
    void benchmarkQuestionsPouredThroughOneTemplateByANewAccountAreASweep() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("scraper", 4));
        List<String> prompts = SharedPrompts.mmluItems().stream().limit(400).filter((item) -> item.item() % 4 == 0)
                .map(item -> item.full() + "\nGive the correct answer and a detailed explanation.").toList();
        sweep(f, "scraper", prompts, 300);
        SignalScore s = f.score(signal, "scraper");
        assertThat(s.score()).isGreaterThan(0.75);
        assertThat(s.explanation()).contains("account scraper (4 days old)");
    }

    @Test
    void aPersonMixingAFewPhrasingsIsNotASweep() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("student", 2));
        List<String> questions = SharedPrompts.gsm8kQuestions(120);
        List<String> prompts = new java.util.ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            prompts.add(i % 2 == 0 ? questions.get(i) : "Can you help me with this? " + questions.get(i));
        }
        sweep(f, "student", prompts, 300);
        assertThat(f.score(signal, "student").value()).isLessThan(0.3);
    }

    @Test
    void aNewChatUserIsNotASweep() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("chatter", 2));
        var turns = RealPromptTraffic.conversations(SharedPrompts.shareGptHumanTurns(120), 4);
        for (int i = 0; i < turns.size(); i++) {
            f.add(event("chatter", T0 + i * 180_000L).features(turns.get(i)).tokens(300, 250).build());
        }
        assertThat(f.score(signal, "chatter").score()).isZero();
    }

    @Test
    void tooFewPromptsSayNothing() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("new", 1));
        sweep(f, "new", SharedPrompts.alpacaPrompts(10), 200);
        assertThat(f.score(signal, "new").score()).isZero();
    }
}
