package io.distillguard.demo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small fenced code blocks (Python or Java) named after the prompt's words, for answers to coding prompts. */
final class CodeBlocks {

    private CodeBlocks() {
    }

    /** A fenced block whose identifiers come from {@code topics}. */
    static String write(SplittableRandom random, List<String> topics, boolean java) {
        String noun = identifier(topics.get(random.nextInt(topics.size())));
        String other = identifier(topics.get(random.nextInt(topics.size())));
        return java ? javaBlock(random, noun, other) : pythonBlock(random, noun, other);
    }

    private static String pythonBlock(SplittableRandom random, String noun, String other) {
        if (random.nextBoolean()) {
            return """
                    ```python
                    def collect_%1$s(records):
                        \"\"\"Return the %1$s values of the records that have one.\"\"\"
                        found = []
                        for record in records:
                            value = record.get("%1$s")
                            if value is not None:
                                found.append(value)
                        return found
                    ```""".formatted(noun);
        }
        return """
                ```python
                def count_%1$s_by_%2$s(items):
                    \"\"\"Count how often each %2$s occurs among the %1$s items.\"\"\"
                    counts = {}
                    for item in items:
                        key = item["%2$s"]
                        counts[key] = counts.get(key, 0) + 1
                    return sorted(counts.items(), key=lambda pair: pair[1], reverse=True)
                ```""".formatted(noun, other);
    }

    private static String javaBlock(SplittableRandom random, String noun, String other) {
        String type = Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        if (random.nextBoolean()) {
            return """
                    ```java
                    record %1$s(String name, int %2$s) {
                        static List<%1$s> largestFirst(List<%1$s> items) {
                            return items.stream()
                                    .sorted(Comparator.comparingInt(%1$s::%2$s).reversed())
                                    .toList();
                        }
                    }
                    ```""".formatted(type, other);
        }
        return """
                ```java
                static Map<String, Long> count%1$s(List<String> words) {
                    Map<String, Long> counts = new TreeMap<>();
                    for (String word : words) {
                        counts.merge(word, 1L, Long::sum);
                    }
                    return counts;
                }
                ```""".formatted(type);
    }

    private static String identifier(String word) {
        String id = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return id.isEmpty() || !Character.isLetter(id.charAt(0)) ? "item" : id;
    }
}
