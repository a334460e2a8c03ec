package io.distillguard.enforce;

import io.distillguard.gateway.ApiError;
import io.distillguard.gateway.AppliedPolicy;
import io.distillguard.gateway.ErrorResponse;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.distillguard.gateway.filter.AdmissionFilter;
import io.distillguard.metering.RequestReader;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.decision.Allow;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import java.util.List;

/**
 * Enforces the policy engine's decisions on the next request, right after authentication. Reads the decision cache
 * (lock-free, never waits) for the caller's key, account and entity: block and require_verification refuse with 403
 * ({@code account_suspended}, {@code verification_required}); otherwise every active decision applies together: a
 * throttle lowers the limits (through {@link #limitScaler()}) and holds the request, degrades rewrite it (or refuse
 * logit_bias with logprobs), a watermark sets the exchange's strength, and any decision flags the caller for text
 * retention. Shadow decisions change nothing; they are counted as hits and their would-be cost is recorded.
 */
public final class DecisionFilter implements RequestFilter {
    private final DecisionCache cache;
    private final PolicyMetrics metrics;
    private final CostLedger ledger;

    public DecisionFilter(DecisionCache cache, PolicyMetrics metrics, CostLedger ledger) {
        this.cache = cache;
        this.metrics = metrics;
        this.ledger = ledger;
    }

    /** The admission filter's scaler: the throttle factor of the decision applied to the exchange. */
    public AdmissionFilter.LimitScaler limitScaler() {
        return ex -> ex.policy == null ? 1.0 : ex.policy.throttleFactor();
    }

    @Override
    public FilterOutcome apply(Exchange ex) {
        String key = ex.principal.key().id();
        String account = ex.principal.account().id();
        List<Decision> shadow = cache.shadow(key, account, ex.entityId);
        if (!shadow.isEmpty()) {
            recordShadow(ex, shadow);
        }
        Decision effective = cache.effective(key, account, ex.entityId);
        return switch (effective) {
            case Allow none -> FilterOutcome.CONTINUE;
            case Block b -> refuse(b, ApiError.ACCOUNT_SUSPENDED.withMessage(blockMessage(b)));
            case RequireVerification v -> refuse(v, ApiError.VERIFICATION_REQUIRED.withMessage(verifyMessage(v)));
            default -> applyAll(ex, cache.active(key, account, ex.entityId));
        };
    }

    private FilterOutcome applyAll(Exchange ex, List<Decision> active) {
        AppliedPolicy applied = new AppliedPolicy(active);
        ex.policy = applied;
        for (Decision d : active) {
            metrics.enforced(d);
            switch (d) {
                case Throttle t when applied.throttle == null -> {
                    applied.throttle = t;
                    ex.forwardDelayMillis = t.delayMs();
                }
                case Watermark w when ex.watermarkStrength < 0 -> ex.watermarkStrength = w.strength();
                case Degrade g -> {
                    if (degrade(ex, applied, g) instanceof DegradeOutcome.Refused r) {
                        ledger.refused(g.id());
                        return FilterOutcome.reject(r.error());
                    }
                }
                default -> { }
            }
        }
        if (ex.bodyModified()) {
            ex.forwardedParams = RequestReader.params(ex.endpoint, ex.body);
        }
        return FilterOutcome.CONTINUE;
    }

    private DegradeOutcome degrade(Exchange ex, AppliedPolicy applied, Degrade g) {
        DegradeOutcome outcome = RequestDegrader.apply(ex.endpoint, ex.body, ex.params, g.spec());
        if (outcome instanceof DegradeOutcome.Rewritten w) {
            applied.degrades.add(g);
            if (w.changed()) {
                ex.markBodyModified();
            }
            if (w.strippedLogprobs() && applied.strippedLogprobs == null) {
                applied.strippedLogprobs = g;
                applied.topLogprobs = ex.params.topLogprobs();
            }
            if (w.choicesWithheld() > 0) {
                applied.withheldChoices.add(new AppliedPolicy.WithheldChoices(g, w.choicesWithheld()));
            }
            ledger.withheld(g.id(), w.tokensWithheld());
            if (g.spec().dropReasoning() && applied.dropReasoning == null) {
                applied.dropReasoning = g;
            }
        }
        return outcome;
    }

    private FilterOutcome refuse(Decision d, ErrorResponse error) {
        metrics.enforced(d);
        ledger.refused(d.id());
        return FilterOutcome.reject(error);
    }

    /** Counts what each shadow decision would have done; the request itself is untouched. */
    private void recordShadow(Exchange ex, List<Decision> shadow) {
        for (Decision d : shadow) {
            metrics.shadowHit(d);
            switch (d) {
                case Block b -> ledger.refused(b.id());
                case RequireVerification v -> ledger.refused(v.id());
                case Degrade g when ex.body != null -> {
                    switch (RequestDegrader.apply(ex.endpoint, ex.body.copy(), ex.params, g.spec())) {
                        case DegradeOutcome.Refused r -> ledger.refused(g.id());
                        case DegradeOutcome.Rewritten w -> ledger.withheld(g.id(), w.tokensWithheld());
                    }
                }
                default -> { }
            }
        }
    }

    static String blockMessage(Block b) {
        return b.reason() + " If you believe this is a mistake, "
                + "contact support and quote reference " + b.id() + ".";
    }

    static String verifyMessage(RequireVerification v) {
        return v.message() + " To continue, an owner of the organization must complete organization verification "
                + "(identity verification of the owner and the organization's legal details) in the account settings "
                + "under Organization > Verification; requests are accepted again as soon as it is approved. "
                + "Reference: " + v.id() + ".";
    }
}
