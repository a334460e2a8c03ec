package io.distillguard.demo;

/** One loaded tokenizer + WordNet for all tests in the JVM: engines for other configs share it. */
final class SharedEngine {

    private static final CompletionEngine LOADED = load();

    private SharedEngine() {
    }

    private static CompletionEngine load() {
        CompletionEngine engine = new CompletionEngine(SimulatorConfig.instant());
        engine.warmUp();
        return engine;
    }

    /** An engine for {@code config} whose resources are already loaded. */
    static CompletionEngine with(SimulatorConfig config) {
        return LOADED.withConfig(config);
    }
}
