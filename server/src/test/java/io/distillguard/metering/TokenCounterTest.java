package io.distillguard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.feature.PromptMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final String SYSTEM = ("You are a meticulous assistant. Answer step by step, cite the rule you apply, "
            + "and end with a one-line summary. Réponds en français si on te le demande; 数学の問題も解けます. ").repeat(4);

    @Test
    void aCachedMessageCountsExactlyAsTheTokenizer() {
        TokenCounter counter = new TokenCounter();
        TokenCounter reference = new TokenCounter();
        PromptText prompt = new PromptText(List.of(new PromptMessage("system", SYSTEM),
                new PromptMessage("user", "What is 17 * 23?")), true, 0);
        int expected = reference.count(SYSTEM) + reference.count("What is 17 * 23?")
                + 2 * TokenCounter.TOKENS_PER_MESSAGE + TokenCounter.REPLY_PRIMING;

        assertThat(counter.countPrompt(prompt)).isEqualTo(expected);
        assertThat(counter.cachedMessages()).isEqualTo(1); // the short user message is not cached
        assertThat(counter.countPrompt(prompt)).isEqualTo(expected);
        assertThat(counter.countPrompt(new PromptText(List.of(new PromptMessage("system", new String(SYSTEM)),
                new PromptMessage("user", "What is 17 * 24?")), true, 0)))
                .isEqualTo(reference.count(SYSTEM) + reference.count("What is 17 * 24?")
                        + 2 * TokenCounter.TOKENS_PER_MESSAGE + TokenCounter.REPLY_PRIMING);
    }

    @Test
    void theCacheStartsOverWhenFullAndStaysExact() {
        TokenCounter counter = new TokenCounter(com.knuddels.jtokkit.api.EncodingType.O200K_BASE, 3L * SYSTEM.length());
        TokenCounter reference = new TokenCounter();
        for (int i = 0; i < 7; i++) {
            String text = i + " " + SYSTEM;
            assertThat(counter.countMessage(text)).isEqualTo(reference.count(text));
            assertThat(counter.cachedMessages()).isBetween(1, 3);
        }
        assertThat(counter.countMessage("6 " + SYSTEM)).isEqualTo(reference.count("6 " + SYSTEM));
    }
}
