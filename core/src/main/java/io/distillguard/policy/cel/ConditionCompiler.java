package io.distillguard.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;

/**
 * Compiles rule conditions with Google's cel-java against the typed {@link PolicyVariables}. The condition must be
 * a {@code bool} expression; anything else, an unknown variable or field, or a type mismatch is a compile error.
 * Thread-safe: one compiler serves every reload.
 */
public final class ConditionCompiler {

    private final PolicyVariables variables = new PolicyVariables();
    private final Cel cel;

    public ConditionCompiler() {
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(variables)
                .setResultType(SimpleType.BOOL);
        variables.variables().forEach(builder::addVar);
        this.cel = builder.build();
    }

    public PolicyVariables variables() {
        return variables;
    }

    /** Compiles {@code expression}; {@code ruleName} appears as the source name in error messages. */
    public Compilation compile(String ruleName, String expression) {
        if (expression == null || expression.isBlank()) {
            return new Compilation.Failed("empty condition");
        }
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression, ruleName).getAst();
            return new Compilation.Compiled(new CompiledCondition(expression, cel.createProgram(ast),
                    ReferencedNames.of(ast, variables)));
        } catch (CelValidationException e) {
            return new Compilation.Failed(e.getMessage());
        } catch (CelEvaluationException e) {
            return new Compilation.Failed("cannot plan condition: " + e.getMessage());
        }
    }
}
