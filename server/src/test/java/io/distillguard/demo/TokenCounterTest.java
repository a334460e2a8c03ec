package io.distillguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final TokenCounter TOKENS = new TokenCounter();

    @Test
    void aCachedLongContentCountsExactlyAsTheTokenizer() {
        String longText = "Classify the following support ticket into billing, outage or other. ".repeat(4)
                + "Ticket: my invoice shows a charge twice for November.";
        String shortText = "Hi there";
        assertThat(longText.length()).isGreaterThanOrEqualTo(TokenCounter.CACHED_MIN_CHARS);
        List<TokenCounter.Message> messages = List.of(new TokenCounter.Message("user", null, longText),
                new TokenCounter.Message("assistant", null, shortText));
        int expected = TokenCounter.REPLY_PRIMING + 2 * TokenCounter.PER_MESSAGE + TOKENS.count("user")
                + TOKENS.count(longText) + TOKENS.count("assistant") + TOKENS.count(shortText);
        assertThat(TOKENS.countMessages(messages)).isEqualTo(expected); // counted
        assertThat(TOKENS.countMessages(messages)).isEqualTo(expected); // looked up
        assertThat(TOKENS.countContent(longText + " And a refund.")).isEqualTo(TOKENS.count(longText + " And a refund."));
    }
}
