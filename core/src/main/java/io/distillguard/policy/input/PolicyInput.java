package io.distillguard.policy.input;

import java.util.Map;
import java.util.Objects;

/**
 * Everything one policy evaluation sees. Built by the caller from the detection engine's per-entity output (risk,
 * per-signal scores, alert) and the gateway's request context; the engine depends on nothing else.
 *
 * @param entity  the controlling entity
 * @param signals per-signal scores in [0, 1] by signal name; a signal a rule reads but the detectors did not report
 *                reads as 0.0
 * @param account the account of the triggering traffic
 * @param key     the API key of the triggering traffic
 * @param request the triggering request
 * @param alert   the open alert, if any
 */
public record PolicyInput(EntityContext entity, Map<String, Double> signals, AccountContext account, KeyContext key,
                          RequestContext request, AlertContext alert) {

    public PolicyInput {
        Objects.requireNonNull(entity, "entity");
        signals = Map.copyOf(signals == null ? Map.of() : signals);
        account = account == null ? AccountContext.unknown(entity.accounts().isEmpty() ? "" : entity.accounts().get(0))
                : account;
        key = key == null ? KeyContext.NONE : key;
        request = request == null ? RequestContext.NONE : request;
        alert = alert == null ? AlertContext.NONE : alert;
    }

    public PolicyInput withEntity(EntityContext e) {
        return new PolicyInput(e, signals, account, key, request, alert);
    }
}
