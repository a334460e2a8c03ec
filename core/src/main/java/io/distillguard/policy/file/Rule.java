package io.distillguard.policy.file;

import io.distillguard.policy.cel.CompiledCondition;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.ScopeType;

import java.time.Duration;

/**
 * One validated rule: when {@code condition} holds, issue {@code action} on the input's {@code scope} for
 * {@code duration} (null: until lifted) in {@code mode}.
 */
public record Rule(String name, String description, CompiledCondition condition, ActionTemplate action,
                   Duration duration, Mode mode, int priority, ScopeType scope) {
}
