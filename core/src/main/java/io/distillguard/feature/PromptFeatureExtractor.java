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
 * never see raw text. Thread-safe. All features but {@code templateHash} depend on the messages alone;
 * {@code templateHash} also depends on which templates recent traffic has shown (see {@link TemplateRecognizer}), so
 * features are computed once at ingestion and stored with the event, and replays read them from there rather than
 * extracting again. Does not compute the embedding (see {@code io.distillguard.semantic}).
 */
public final class PromptFeatureExtractor {

    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    private final FeatureConfig config;
    private final TemplateRecognizer templates;
    private final LanguageGuesser languages;
    private final List<ContentClassifier> classifiers;
    private final BenchmarkIndex benchmarks;

    /** An extractor with the bundled classifiers and, when present, a benchmark index for BENCHMARK_ITEM. */
    public PromptFeatureExtractor(FeatureConfig config, Optional<BenchmarkIndex> benchmarks) {
        this.config = Objects.requireNonNull(config, "config");
        this.templates = new TemplateRecognizer(config.literalLineWords(), config.templateMinCount(),
                config.templateSketchWidth());
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
        int learned = newestMessage(messages);
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage m = messages.get(i);
            String text = TextNormalizer.normalize(m.text());
            appendCanonical(canonical, m, text, messages.size() > 1);
            if (m.isUser()) {
                userTurns++;
                lastUser = text;
            }
            if (!"assistant".equalsIgnoreCase(m.role())) {
                asked.append(asked.isEmpty() ? "" : "\n").append(text);
            }
            template.append(m.role().toLowerCase(Locale.ROOT)).append('\u0000')
                    .append(templates.recognize(clip(text), i == learned).skeleton()).append('\u0001');
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

    /** The message this request adds, whose template anchors are counted: the last user message, else the last. */
    private static int newestMessage(List<PromptMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).isUser()) {
                return i;
            }
        }
        return messages.size() - 1;
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
