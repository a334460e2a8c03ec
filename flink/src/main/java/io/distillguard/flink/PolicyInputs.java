package io.distillguard.flink;

import io.distillguard.detect.account.AccountDirectory;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.PolicyInput;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

/**
 * Turns a {@link RiskUpdate} into the policy engine's input the way the gateway's embedded {@code PolicyBridge} does
 * (same signal aliases, link confidence and account context), with account attributes from the job's directory
 * instead of the gateway's registry.
 */
final class PolicyInputs {
    private PolicyInputs() {
    }

    /** Signals under the engine's names plus the policy pack's aliases (see docs/policies.md). */
    static HashMap<String, Double> signals(RiskScore score) {
        HashMap<String, Double> out = new HashMap<>();
        for (SignalContribution c : score.breakdown()) {
            out.put(c.reading().signal(), c.reading().score());
        }
        double api = out.getOrDefault("api_surface", 0.0);
        out.put("reasoning_elicitation", out.getOrDefault("content", 0.0));
        out.put("logprob_harvest", api);
        SignalContribution apiReading = score.signal("api_surface");
        boolean logitBias = apiReading != null && apiReading.reading().explanation() != null
                && apiReading.reading().explanation().contains("logit_bias");
        out.put("logit_bias_probe", logitBias ? api : 0.0);
        return out;
    }

    static PolicyInput of(RiskUpdate risk, AccountDirectory directory, Instant now) {
        long createdLastDay = 0;
        boolean allVerified = !risk.accounts().isEmpty();
        AccountProfile first = null;
        for (String id : risk.accounts()) {
            AccountProfile p = directory.profile(id);
            first = first == null ? p : first;
            if (Duration.between(p.createdAt(), now).compareTo(Duration.ofDays(1)) <= 0) {
                createdLastDay++;
            }
            allVerified &= p.verified();
        }
        double linkConfidence = risk.accounts().size() <= 1 ? 0.0
                : !risk.alertOpen() || Double.isNaN(risk.maxLinkScore()) ? 0.6 : risk.maxLinkScore();
        EntityContext entity = new EntityContext(risk.entityId(), risk.accounts(), createdLastDay, risk.score(),
                linkConfidence, allVerified, false, first == null ? "" : first.tier().name(), 0, 0, 0);
        AccountContext account = first == null ? null : new AccountContext(first.accountId(), first.orgId(),
                first.tier().name(), Duration.between(first.createdAt(), now).toDays(), first.verified(),
                first.emailDomain(), first.signupPath());
        AlertContext alert = risk.alertOpen() ? new AlertContext(true, risk.alertScore(), risk.alertSignals())
                : AlertContext.NONE;
        return new PolicyInput(entity, risk.signals(), account, null, null, alert);
    }
}
