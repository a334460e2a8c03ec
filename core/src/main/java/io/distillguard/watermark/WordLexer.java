package io.distillguard.watermark;

/**
 * Splits a response, fed character by character as it streams, into prose words, prose text and untouchable spans:
 * fenced code (a run of three or more backticks up to the next such run), inline code (a run of one or two
 * backticks up to the same run or the end of the line) and structured output (the whole text when the caller asked
 * for it, or when its first non-blank character opens a JSON object or array). A word is a run of letters, digits,
 * '_', '-' and apostrophes, also joined across '.' or ':' ("example.com"); it is handed on once the character after
 * it is known, so the lexer holds back at most one partial word. Decisions never depend on how the text is chunked.
 */
public final class WordLexer {

    private enum Mode { START, PROSE, INLINE, FENCE, STRUCTURED }

    private final TokenSink sink;
    private final StringBuilder word = new StringBuilder();
    private Mode mode;
    private char beforeWord;
    private char lastProseChar;
    private char heldPunct;
    private int ticks;
    private int inlineTicks;

    public WordLexer(TokenSink sink, boolean structured) {
        this.sink = sink;
        this.mode = structured ? Mode.STRUCTURED : Mode.START;
    }

    public void accept(CharSequence chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            accept(chunk.charAt(i));
        }
    }

    public void accept(char c) {
        if (heldPunct != 0) {
            char p = heldPunct;
            heldPunct = 0;
            if (isWordChar(c)) {
                word.append(p).append(c);
                return;
            }
            finishWord(p);
            prose(p);
        }
        if (ticks > 0 && c != '`') {
            flushTicks();
        }
        switch (mode) {
            case START -> {
                if (Character.isWhitespace(c)) {
                    sink.text(String.valueOf(c));
                } else if (c == '{' || c == '[') {
                    mode = Mode.STRUCTURED;
                    sink.code(String.valueOf(c));
                } else {
                    mode = Mode.PROSE;
                    prose(c);
                }
            }
            case PROSE -> prose(c);
            case STRUCTURED -> sink.code(String.valueOf(c));
            case FENCE -> {
                if (c == '`') {
                    ticks++;
                } else {
                    sink.code(String.valueOf(c));
                }
            }
            case INLINE -> {
                if (c == '`') {
                    ticks++;
                } else if (c == '\n') {
                    mode = Mode.PROSE;
                    prose(c);
                } else {
                    sink.code(String.valueOf(c));
                }
            }
        }
    }

    public void end() {
        if (heldPunct != 0) {
            char p = heldPunct;
            heldPunct = 0;
            finishWord(p);
            prose(p);
        }
        if (ticks > 0) {
            flushTicks();
        }
        if (!word.isEmpty()) {
            finishWord('\0');
        }
        sink.end();
    }

    private void prose(char c) {
        if (isWordChar(c)) {
            if (word.isEmpty()) {
                beforeWord = lastProseChar;
            }
            word.append(c);
        } else if ((c == '.' || c == ':') && !word.isEmpty()) {
            heldPunct = c;
            return;
        } else {
            if (!word.isEmpty()) {
                finishWord(c);
            }
            if (c == '`') {
                ticks++;
            } else {
                sink.text(String.valueOf(c));
            }
        }
        lastProseChar = c;
    }

    private void finishWord(char after) {
        sink.word(word.toString(), beforeWord, after);
        word.setLength(0);
    }

    private void flushTicks() {
        int run = ticks;
        ticks = 0;
        sink.code("`".repeat(run));
        switch (mode) {
            case PROSE -> {
                if (run >= 3) {
                    mode = Mode.FENCE;
                } else {
                    mode = Mode.INLINE;
                    inlineTicks = run;
                }
            }
            case FENCE -> mode = run >= 3 ? Mode.PROSE : Mode.FENCE;
            case INLINE -> mode = run == inlineTicks ? Mode.PROSE : Mode.INLINE;
            default -> { }
        }
        lastProseChar = '`';
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '\'' || c == '\u2019';
    }
}
