package io.distillguard.policy.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.HashMap;
import java.util.Map;

/**
 * One rule's checked and planned CEL condition. Evaluation is thread-safe and allocation-light: the program is
 * shared, the activation is built per call.
 */
public final class CompiledCondition {

    private final String source;
    private final CelRuntime.Program program;
    private final ReferencedNames references;

    CompiledCondition(String source, CelRuntime.Program program, ReferencedNames references) {
        this.source = source;
        this.program = program;
        this.references = references;
    }

    public String source() {
        return source;
    }

    public ReferencedNames references() {
        return references;
    }

    /**
     * Evaluates the condition. {@code activation} maps each variable name to its CEL value; the signals this
     * condition reads but {@code signals} lacks are read as 0.0.
     */
    public ConditionResult evaluate(Map<String, Object> activation, Map<String, Double> signals) {
        Map<String, Object> vars = activation;
        if (!references.signals().isEmpty() && !signals.keySet().containsAll(references.signals())) {
            Map<String, Double> filled = new HashMap<>(signals);
            references.signals().forEach(s -> filled.putIfAbsent(s, 0.0));
            vars = new HashMap<>(activation);
            vars.put(PolicyVariables.SIGNALS, filled);
        }
        try {
            Object result = program.eval(vars);
            return Boolean.TRUE.equals(result) ? ConditionResult.TRUE : ConditionResult.FALSE;
        } catch (CelEvaluationException | RuntimeException e) {
            return ConditionResult.failed(e.getMessage());
        }
    }
}
