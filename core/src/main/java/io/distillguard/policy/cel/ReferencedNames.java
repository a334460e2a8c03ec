package io.distillguard.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variable fields ({@code entity.risk}) and signal names ({@code signals.logprob_harvest},
 * {@code signals['x']}, {@code 'x' in signals}) a condition reads, found by walking its checked AST. The engine
 * reports their values as a decision's evidence and fills unreported signals with 0.0.
 *
 * @param fields  {@code variable.field} paths, sorted
 * @param signals signal names, sorted
 */
public record ReferencedNames(List<String> fields, List<String> signals) {

    public ReferencedNames {
        fields = List.copyOf(fields);
        signals = List.copyOf(signals);
    }

    static ReferencedNames of(CelAbstractSyntaxTree ast, PolicyVariables variables) {
        Set<String> fields = new TreeSet<>();
        Set<String> signals = new TreeSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().map(CelNavigableExpr::expr).forEach(e -> {
            switch (e.getKind()) {
                case SELECT -> {
                    String base = identName(e.select().operand());
                    if (PolicyVariables.SIGNALS.equals(base)) {
                        signals.add(e.select().field());
                    } else if (base != null && variables.isStruct(base)) {
                        fields.add(base + "." + e.select().field());
                    }
                }
                case CALL -> {
                    List<CelExpr> args = e.call().args();
                    String fn = e.call().function();
                    if (args.size() == 2 && fn.equals("_[_]") && PolicyVariables.SIGNALS.equals(identName(args.get(0)))) {
                        addString(signals, args.get(1));
                    } else if (args.size() == 2 && fn.equals("@in")
                            && PolicyVariables.SIGNALS.equals(identName(args.get(1)))) {
                        addString(signals, args.get(0));
                    }
                }
                default -> {
                }
            }
        });
        return new ReferencedNames(List.copyOf(fields), List.copyOf(signals));
    }

    private static String identName(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT ? e.ident().name() : null;
    }

    private static void addString(Set<String> into, CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            into.add(e.constant().stringValue());
        }
    }
}
