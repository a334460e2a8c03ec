package io.distillguard.feature;

import io.distillguard.event.ContentFlag;

/**
 * Flags prompts that contain source code: a fenced code block, or enough lines that look like code (statements,
 * braces, assignments, calls, imports, markup, shell commands; rules in {@code code-lines.rules}). Agentic-coding
 * campaigns are code-heavy, and code changes what "normal" looks like for the other detectors.
 */
public final class CodeDetector implements ContentClassifier {

    private static final int MAX_LINES = 400;

    private final PatternRules lineRules;
    private final int minCodeLines;
    private final double minCodeShare;

    private CodeDetector(PatternRules lineRules, int minCodeLines, double minCodeShare) {
        this.lineRules = lineRules;
        this.minCodeLines = minCodeLines;
        this.minCodeShare = minCodeShare;
    }

    /** The detector with the bundled line rules: code when at least 2 lines and 25% of lines look like code. */
    public static CodeDetector load() {
        return new CodeDetector(PatternRules.load("code-lines.rules"), 2, 0.25);
    }

    @Override
    public ContentFlag flag() {
        return ContentFlag.CODE;
    }

    @Override
    public boolean test(String normalized) {
        if (normalized.contains("```")) {
            return true;
        }
        int lines = 0;
        int codeLines = 0;
        int start = 0;
        while (start <= normalized.length() && lines < MAX_LINES) {
            int end = normalized.indexOf('\n', start);
            if (end < 0) {
                end = normalized.length();
            }
            if (end > start) {
                lines++;
                if (lineRules.anyMatch(normalized.subSequence(start, end))) {
                    codeLines++;
                }
            }
            start = end + 1;
        }
        return codeLines >= minCodeLines && codeLines >= minCodeShare * lines;
    }
}
