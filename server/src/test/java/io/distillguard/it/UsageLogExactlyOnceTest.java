package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import io.distillguard.registry.Tier;
import io.distillguard.store.Database;
import io.distillguard.store.EventStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request a client sent appears exactly once in the usage log, with the token counts the client was told, and
 * nothing is lost on a clean shutdown: the store is reopened from disk after the gateway stopped.
 */
class UsageLogExactlyOnceTest {
    @TempDir
    Path dataDir;

    @Test
    void everyRequestIsLoggedOnceWithExactTokensAcrossAShutdown() throws Exception {
        Map<String, long[]> seen = new HashMap<>(); // response id -> {prompt, completion}
        int sent = 0;
        int rejected = 0;
        try (GatewayFixture gw = GatewayFixture.start(dataDir)) {
            OpenAIClient ok = gw.client(gw.newKey());
            OpenAIClient limited = gw.client(gw.newKey(new Tier("rpm3", 3, 1_000_000, 1_000_000, 1_000_000, 4096)));
            OpenAIClient bad = gw.client("sk-dg-bogus-0000000000000000000000000000000000");
            for (int i = 0; i < 40; i++) {
                ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("sim-small")
                        .addUserMessage("Question number " + i + ": why is the sky blue?").maxCompletionTokens(30)
                        .build();
                sent++;
                if (i % 2 == 0) {
                    ChatCompletion c = ok.chat().completions().create(p);
                    seen.put(c.id(), new long[] {c.usage().orElseThrow().promptTokens(),
                            c.usage().orElseThrow().completionTokens()});
                } else {
                    long[] usage = new long[2];
                    String[] id = new String[1];
                    try (StreamResponse<ChatCompletionChunk> s = ok.chat().completions().createStreaming(
                            p.toBuilder().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                                    .build())) {
                        s.stream().forEach(ch -> {
                            id[0] = ch.id();
                            ch.usage().ifPresent(u -> {
                                usage[0] = u.promptTokens();
                                usage[1] = u.completionTokens();
                            });
                        });
                    }
                    seen.put(id[0], usage);
                }
            }
            for (int i = 0; i < 6; i++) {
                sent++;
                try {
                    limited.chat().completions().create(ChatCompletionCreateParams.builder().model("sim-small")
                            .addUserMessage("hello " + i).maxCompletionTokens(5).build());
                } catch (OpenAIServiceException e) {
                    assertThat(e.statusCode()).isEqualTo(429);
                    rejected++;
                }
            }
            for (int i = 0; i < 4; i++) {
                sent++;
                try {
                    bad.models().list();
                } catch (OpenAIServiceException e) {
                    assertThat(e.statusCode()).isEqualTo(401);
                    rejected++;
                }
            }
        } // clean shutdown: close() drains metering and flushes the store
        assertThat(rejected).isEqualTo(3 + 4);

        List<UsageEvent> events = new ArrayList<>();
        try (Database db = Database.open(dataDir); EventStore store = new EventStore(db, io.distillguard.store.EventStoreConfig.DEFAULTS)) {
            store.replay(Instant.EPOCH, Instant.now().plusSeconds(60), events::add);
        }
        assertThat(events).hasSize(sent);
        assertThat(events.stream().map(UsageEvent::requestId).distinct().count()).isEqualTo(sent);
        assertThat(events.stream().filter(e -> e.status() == 429).count()).isEqualTo(3);
        assertThat(events.stream().filter(e -> e.status() == 401).count()).isEqualTo(4);
        assertThat(events.stream().filter(e -> e.status() >= 400).mapToLong(UsageEvent::totalTokens).sum()).isZero();
        // Token counts in the log are exactly what each client was told. The simulator's completion id is echoed in
        // the response text field only when retained, so match on the multiset of (prompt, completion) pairs.
        List<String> logged = events.stream().filter(UsageEvent::succeeded)
                .filter(e -> e.endpoint() == io.distillguard.event.Endpoint.CHAT_COMPLETIONS)
                .filter(e -> e.usageSource() == UsageSource.UPSTREAM)
                .map(e -> e.inputTokens() + "/" + e.outputTokens()).sorted().toList();
        List<String> told = seen.values().stream().map(u -> u[0] + "/" + u[1]).sorted().toList();
        assertThat(logged).hasSize(40 + 3).containsAll(told);
        assertThat(events.stream().filter(e -> e.promptText() != null && e.promptText().contains("sky blue")).count())
                .isEqualTo(40);
    }
}
