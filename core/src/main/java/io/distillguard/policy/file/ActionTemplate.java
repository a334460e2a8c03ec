package io.distillguard.policy.file;

import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.DegradeSpec;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated action with its parameters: turns an {@link Issuance} into the matching {@link Decision}. Shared by
 * policy rules and operators' manual actions so both are checked the same way.
 */
public record ActionTemplate(ActionType type, ActionParams params) {

    public static final double DEFAULT_WATERMARK_STRENGTH = 0.5;
    public static final double DEFAULT_THROTTLE_FACTOR = 0.1;

    public ActionTemplate {
        Objects.requireNonNull(type, "type");
        params = params == null ? ActionParams.NONE : params;
    }

    /** Problems with {@code params} for {@code type}; empty when the template is valid. */
    public static List<String> validate(ActionType type, ActionParams params) {
        ActionParams p = params == null ? ActionParams.NONE : params;
        List<String> problems = new ArrayList<>();
        for (String foreign : p.foreignTo(type)) {
            problems.add("param '" + foreign + "' does not apply to action " + type.fileName());
        }
        try {
            new ActionTemplate(type, p).issue(new Issuance("probe", "probe", Mode.SHADOW, Scope.entity("probe"),
                    Instant.EPOCH, null, 0, Evidence.NONE));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (type == ActionType.DEGRADE && new ActionTemplate(type, p).degradeSpec().restrictions() == 0) {
            problems.add("degrade withholds nothing: set at least one of strip_logprobs, "
                    + "refuse_logit_bias_with_logprobs, max_n, max_tokens, drop_reasoning");
        }
        return problems;
    }

    /** The decision this action makes under {@code issuance}. */
    public Decision issue(Issuance issuance) {
        return switch (type) {
            case TAG -> new Tag(params.label() != null ? params.label() : issuance.issuer(), issuance);
            case WATERMARK -> new Watermark(orElse(params.strength(), DEFAULT_WATERMARK_STRENGTH), issuance);
            case DEGRADE -> new Degrade(degradeSpec(), issuance);
            case THROTTLE -> new Throttle(orElse(params.factor(), DEFAULT_THROTTLE_FACTOR),
                    params.delayMs() == null ? 0L : params.delayMs(), issuance);
            case REQUIRE_VERIFICATION -> new RequireVerification(params.message() != null ? params.message()
                    : "Unusual usage on this account: verify your organisation to continue.", issuance);
            case BLOCK -> new Block(params.reason() != null ? params.reason()
                    : "Access suspended under the usage policy.", issuance);
        };
    }

    DegradeSpec degradeSpec() {
        return new DegradeSpec(Boolean.TRUE.equals(params.stripLogprobs()),
                Boolean.TRUE.equals(params.refuseLogitBiasWithLogprobs()), params.maxN(), params.maxTokens(),
                Boolean.TRUE.equals(params.dropReasoning()));
    }

    private static double orElse(Double v, double dflt) {
        return v == null ? dflt : v;
    }
}
