package io.distillguard.policy;

import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.KeyContext;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.policy.input.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-built policy inputs for tests. */
final class Inputs {

    private Inputs() {
    }

    static List<String> accounts(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    static EntityContext entity(String id, int accounts, int createdLastDay, double risk, double link,
                                boolean verified) {
        return new EntityContext(id, accounts("acct_" + id + "_", accounts), createdLastDay, risk, link, verified,
                false, "paid", 1_000, 2_000_000, 3);
    }

    static PolicyInput input(EntityContext e, Map<String, Double> signals) {
        return new PolicyInput(e, signals, AccountContext.unknown(e.accounts().get(0)),
                new KeyContext("key_" + e.id(), 10), RequestContext.NONE, AlertContext.NONE);
    }

    static PolicyInput input(EntityContext e, Map<String, Double> signals, RequestContext request,
                             AlertContext alert) {
        return new PolicyInput(e, signals, AccountContext.unknown(e.accounts().get(0)),
                new KeyContext("key_" + e.id(), 10), request, alert);
    }
}
