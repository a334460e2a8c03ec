package io.distillguard.semantic;

import com.dynatrace.hash4j.hashing.Hashing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.feature.PromptMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Builds the {@link BenignReference} at start from an operator's file of benign prompts (JSONL, one
 * {@code {"prompt": "..."}} per line): a seeded bottom-k sample of at most {@code max} prompts is chosen while streaming
 * (so a large file costs memory for {@code max} prompts only), each prompt is embedded as the gateway embeds it (its
 * canonical text, clipped to {@link #MAX_CHARS}) and projected with the same seeded projection as the signal.
 */
public final class BenignReferenceLoader {

    /** Prompt characters embedded, here and in the gateway: bounds the embedding cost of one prompt. */
    public static final int MAX_CHARS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenignReferenceLoader() {
    }

    /**
     * A reference from the prompts in {@code file}, embedded with {@code embedder} and projected with
     * {@code RandomProjection.defaults(seed)}; {@code seed} must be the signal's projection seed
     * ({@code SemanticConfig.PROJECTION_SEED} by default). Fails naming the line when a line is not such JSON.
     */
    public static BenignReference fromPromptsFile(Path file, PromptEmbedder embedder, int max, long seed)
            throws IOException {
        if (max < 2) {
            throw new IllegalArgumentException("a reference needs at least 2 prompts");
        }
        record Candidate(long priority, String text) {
        }
        PriorityQueue<Candidate> kept = new PriorityQueue<>(
                Comparator.comparing(Candidate::priority, Long::compareUnsigned).reversed());
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String prompt = promptOf(line, file, number);
                long priority = Hashing.xxh3_64(seed).hashCharsToLong(prompt);
                if (kept.size() < max) {
                    kept.add(new Candidate(priority, prompt));
                } else if (Long.compareUnsigned(priority, kept.peek().priority()) < 0) {
                    kept.poll();
                    kept.add(new Candidate(priority, prompt));
                }
            }
        }
        List<String> prompts = kept.stream().sorted(Comparator.comparing(Candidate::priority, Long::compareUnsigned))
                .map(Candidate::text).toList();
        if (prompts.size() < 2) {
            throw new IllegalArgumentException(file + " holds fewer than 2 prompts");
        }
        return fromPrompts(prompts, embedder, max, seed);
    }

    /** A reference from {@code prompts} (the same embedding and projection as {@link #fromPromptsFile}). */
    public static BenignReference fromPrompts(List<String> prompts, PromptEmbedder embedder, int max, long seed) {
        RandomProjection projection = new RandomProjection(seed, embedder.dimensions(), 64);
        List<byte[]> projected = new ArrayList<>(prompts.size());
        for (byte[] e : embedder.embedAll(prompts.stream().map(BenignReferenceLoader::embeddedText).toList())) {
            projected.add(projection.project(e));
        }
        return BenignReference.of(projected, max, seed);
    }

    /** The text the gateway embeds for a prompt of {@code messages}: canonical text, clipped. */
    public static String embeddedText(List<PromptMessage> messages) {
        String canonical = PromptFeatureExtractor.canonicalText(messages);
        return canonical.length() > MAX_CHARS ? canonical.substring(0, MAX_CHARS) : canonical;
    }

    private static String embeddedText(String prompt) {
        return embeddedText(List.of(PromptMessage.user(prompt)));
    }

    private static String promptOf(String line, Path file, int number) {
        try {
            JsonNode prompt = JSON.readTree(line).get("prompt");
            if (prompt != null && prompt.isTextual()) {
                return prompt.asText();
            }
        } catch (JsonProcessingException e) {
            // reported below with the line number
        }
        throw new IllegalArgumentException(file + " line " + number + ": expected {\"prompt\": \"...\"}");
    }
}
