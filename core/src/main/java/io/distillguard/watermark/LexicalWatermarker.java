package io.distillguard.watermark;

/**
 * The gateway's output watermark: meaning-preserving synonym substitutions (one WordNet synset, one part of speech)
 * where a keyed hash of the previous word and the synonym class picks the member to emit. Code, structured output and
 * text quoted from the prompt are left untouched. Works on whole texts ({@link #apply}) or streams
 * ({@link #open}); both give the same result. Immutable and thread-safe; sessions are not.
 */
public final class LexicalWatermarker {

    private final WatermarkConfig config;
    private final SlotRule rule;

    public LexicalWatermarker(WatermarkConfig config, SynonymTable table) {
        this.config = config;
        this.rule = new SlotRule(table);
    }

    /** With the committed WordNet table. */
    public LexicalWatermarker(WatermarkConfig config) {
        this(config, SynonymTable.standard());
    }

    /** Marks free text with no prompt and no entity (global key unless scope is OFF). */
    public String apply(String text) {
        return apply(text, WatermarkRequest.plain());
    }

    public String apply(String text, WatermarkRequest request) {
        StreamingWatermarker session = open(request);
        return session.push(text) + session.finish();
    }

    /** Starts a streaming session for one response. */
    public StreamingWatermarker open(WatermarkRequest request) {
        KeyedChoice choice = config.keyFor(request.entityId()).map(WatermarkKey::newChoice).orElse(null);
        return new StreamingWatermarker(rule, choice, config.strength(), request);
    }

    public WatermarkConfig config() {
        return config;
    }

    public SynonymTable table() {
        return rule.table();
    }
}
