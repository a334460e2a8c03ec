package io.distillguard.policy.cel;

/** The outcome of compiling one rule condition: a runnable condition, or the CEL error that rejected it. */
public sealed interface Compilation {

    record Compiled(CompiledCondition condition) implements Compilation {
    }

    /** @param message the CEL checker's or parser's message, with the source position */
    record Failed(String message) implements Compilation {
    }
}
