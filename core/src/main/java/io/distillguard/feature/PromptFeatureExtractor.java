package io.distillguard.feature;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.PromptFeatures;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a request's messages into {@link PromptFeatures}, once per request and off the request path, so that detectors
 * never see raw text. Thread-safe and stateless between calls: the same messages always give the same features (which
 * is what makes replays reproduce live results). Does not compute the embedding (see {@code io.distillguard.semantic}).
 */
public final class PromptFeatureExtractor {

    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    private final FeatureConfig config;
    private final TemplateSkeleton skeleton;
    private final LanguageGuesser languages;
    private final List<ContentClassifier> classifiers;
    private final BenchmarkIndex benchmarks;

    /** An extractor with the bundled classifiers and, when present, a benchmark index for BENCHMARK_ITEM. */
    public PromptFeatureExtractor(FeatureConfig config, Optional<BenchmarkIndex> benchmarks) {
        this.config = Objects.requireNonNull(config, "config");
        this.skeleton = new TemplateSkeleton(config.literalLineWords());
        this.languages = LanguageGuesser.load();
        this.classifiers = List.of(ReasoningElicitationClassifier.load(), TrainingDataRequestClassifier.load(),
                RubricGradingClassifier.load(), CodeDetector.load());
        this.benchmarks = benchmarks.orElse(null);
    }

    /**
     * The canonical text of a prompt: each message normalised, prefixed by its role when there are several messages,
     * joined by blank lines. This is the text {@code contentHash} covers and what a store keeps when it retains prompts.
     */
    public static String canonicalText(List<PromptMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (PromptMessage m : messages) {
            appendCanonical(sb, m, TextNormalizer.normalize(m.text()), messages.size() > 1);
        }
        return sb.toString();
    }

    /** The features of {@code messages} (empty list: {@link PromptFeatures#EMPTY}); embedding left null. */
    public PromptFeatures extract(List<PromptMessage> messages) {
        if (messages.isEmpty()) {
            return PromptFeatures.EMPTY;
        }
        int userTurns = 0;
        String lastUser = null;
        StringBuilder canonical = new StringBuilder();
        StringBuilder asked = new StringBuilder();
        StringBuilder template = new StringBuilder();
        for (PromptMessage m : messages) {
            String text = TextNormalizer.normalize(m.text());
            appendCanonical(canonical, m, text, messages.size() > 1);
            if (m.isUser()) {
                userTurns++;
                lastUser = text;
            }
            if (!"assistant".equalsIgnoreCase(m.role())) {
                asked.append(asked.isEmpty() ? "" : "\n").append(text);
            }
            template.append(m.role().toLowerCase(Locale.ROOT)).append('\u0000').append(skeleton.of(clip(text)))
                    .append('\u0001');
        }
        String askedText = clip(asked.toString());
        List<String> askedTokens = WordTokens.of(askedText);
        String hashed = clip(canonical.toString());
        List<String> tokens = hashed.equals(askedText) ? askedTokens : WordTokens.of(hashed);
        int flags = 0;
        for (ContentClassifier c : classifiers) {
            if (c.test(askedText)) {
                flags |= c.flag().bit();
            }
        }
        if (benchmarks != null && benchmarks.match(lastUser == null ? askedText : clip(lastUser)).isPresent()) {
            flags |= ContentFlag.BENCHMARK_ITEM.bit();
        }
        return new PromptFeatures(canonical.length(), messages.size(), userTurns,
                XXH3.hashCharsToLong(canonical), ShingleHashes.simHash(ShingleHashes.of(tokens, config.shingleWords())),
                XXH3.hashCharsToLong(template), flags, languages.guess(askedText, askedTokens), null);
    }

    private static void appendCanonical(StringBuilder sb, PromptMessage m, String normalized, boolean withRole) {
        if (!sb.isEmpty()) {
            sb.append("\n\n");
        }
        if (withRole) {
            sb.append(m.role().toLowerCase(Locale.ROOT)).append(": ");
        }
        sb.append(normalized);
    }

    private String clip(String s) {
        return s.length() <= config.maxHashedChars() ? s : s.substring(0, config.maxHashedChars());
    }
}
