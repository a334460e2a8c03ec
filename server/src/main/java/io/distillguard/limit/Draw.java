package io.distillguard.limit;

import java.util.ArrayList;
import java.util.List;

/**
 * What one admission takes from one bucket: {@code amount} of {@code key}'s dimension from every limit of the scope in
 * that dimension. A scope with limits on requests, input and output tokens makes three draws.
 */
record Draw(Scope scope, BucketKey key, List<LimitSpec> limits, long amount) {

    /** The draws of {@code demand} on {@code scopes}, per scope in the order their dimensions first appear. */
    static List<Draw> of(List<Scope> scopes, Demand demand) {
        List<Draw> draws = new ArrayList<>(scopes.size() * 3);
        for (Scope scope : scopes) {
            for (Dimension dimension : Dimension.values()) {
                List<LimitSpec> limits = new ArrayList<>(2);
                for (LimitSpec limit : scope.limits()) {
                    if (limit.dimension() == dimension) {
                        limits.add(limit);
                    }
                }
                if (!limits.isEmpty()) {
                    draws.add(new Draw(scope, BucketKey.of(scope, dimension), List.copyOf(limits), dimension.of(demand)));
                }
            }
        }
        return draws;
    }

    /** The index of the draw of {@code scope} in {@code dimension}. */
    static int indexOf(List<Draw> draws, Scope scope, Dimension dimension) {
        for (int i = 0; i < draws.size(); i++) {
            Draw draw = draws.get(i);
            if (draw.scope() == scope && draw.key().dimension() == dimension) {
                return i;
            }
        }
        throw new IllegalArgumentException("no draw for " + scope.kind() + " " + dimension);
    }
}
