package io.distillguard.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import io.distillguard.feature.FeatureConfig;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.feature.PromptMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Two days of traffic built from real prompts: 20 benign customers sending ShareGPT questions at human pace from their
 * own networks, and a 30-account "hydra" campaign (a card shared by ten accounts, three rotating proxy /24s, one
 * chain-of-thought template over GSM8K questions, timer-driven around the clock). Features come from the core's
 * {@link PromptFeatureExtractor}; the events are sorted by event time.
 */
final class HydraScenario {
    static final long T0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final long DAY = 86_400_000L;
    static final TierLimits TIER = new TierLimits("tier-1", 500, 200_000, 50_000, 5_000_000);
    private static final String COT = "Solve the following problem. Think step by step and show your internal "
            + "reasoning before the final answer.\n\nProblem: ";

    final List<UsageEvent> events = new ArrayList<>();
    final Map<String, AccountProfile> profiles = new HashMap<>();
    final List<String> benign = new ArrayList<>();
    final List<String> campaign = new ArrayList<>();

    HydraScenario(int campaignAccounts, long days) throws IOException {
        Path data = Path.of(System.getProperty("distillguard.shared", "../../shared"), "data", "prompts");
        ObjectMapper json = new ObjectMapper();
        List<String> human = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("sharegpt/sharegpt_conversations_700.jsonl"))) {
            for (JsonNode turn : json.readTree(line).path("conversations")) {
                String text = turn.path("value").asText();
                if ("human".equals(turn.path("from").asText()) && text.length() > 20 && text.length() < 4000) {
                    human.add(text);
                }
            }
            if (human.size() >= 500) {
                break;
            }
        }
        List<String> gsm8k = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("gsm8k/train.jsonl")).subList(0, 1500)) {
            gsm8k.add(json.readTree(line).path("question").asText());
        }
        PromptFeatureExtractor features = new PromptFeatureExtractor(FeatureConfig.DEFAULTS, Optional.empty());
        Random rnd = new Random(7);
        for (int i = 0; i < 20; i++) {
            String id = "benign" + i;
            benign.add(id);
            profiles.put(id, profile(id, "corp" + i + ".example", "pf_benign_" + i, T0 - (100 + 15 * i) * DAY));
            for (long d = 0; d < days; d++) {
                long t = T0 + d * DAY + (8 + rnd.nextInt(8)) * 3_600_000L;
                for (int r = 0; r < 12; r++) {
                    t += (long) (-Math.log(1 - rnd.nextDouble()) * 20 * MIN) + 20_000;
                    events.add(event(features, id, t, "198.51.100." + (10 + i), "Mozilla/5.0 app-" + i,
                            human.get(rnd.nextInt(human.size())), 300 + rnd.nextInt(900)));
                }
            }
        }
        for (int i = 0; i < campaignAccounts; i++) {
            String id = "hydra" + i;
            campaign.add(id);
            profiles.put(id, profile(id, "gmail.com", i < 10 ? "pf_hydra" : "pf_h" + i, T0 - DAY + i * MIN));
            long t = T0 + rnd.nextInt(300_000);
            while (t < T0 + days * DAY) {
                String ip = "45.131." + (70 + rnd.nextInt(3)) + "." + (1 + rnd.nextInt(200));
                events.add(event(features, id, t, ip, "python-httpx/0.27",
                        COT + gsm8k.get(rnd.nextInt(gsm8k.size())), 700 + rnd.nextInt(300)));
                t += 5 * MIN + rnd.nextInt(4_000) - 2_000;
            }
        }
        events.sort(EventTimeDriver.ORDER);
    }

    private static AccountProfile profile(String id, String domain, String payment, long createdMs) {
        return new AccountProfile(id, "org_" + id, TIER, Instant.ofEpochMilli(createdMs), domain, payment, null,
                "self-serve", false, null);
    }

    private UsageEvent event(PromptFeatureExtractor features, String account, long t, String ip, String ua,
                             String prompt, long output) {
        PromptFeatures f = features.extract(List.of(PromptMessage.user(prompt)));
        RequestParams params = new RequestParams(1, 0.7, null, 1024, false, 0, 0, 0, null, false, null, null);
        return new UsageEvent(String.format("req_%s_%d", account, t), t, "org_" + account, account, "key_" + account,
                null, ip, null, ua, "sim-large", Endpoint.CHAT_COMPLETIONS, params, f, prompt.length() / 4, output,
                200, null, 1000, 200, UsageSource.UPSTREAM, prompt, null);
    }
}
