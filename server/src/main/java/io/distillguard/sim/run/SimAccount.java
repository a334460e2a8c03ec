package io.distillguard.sim.run;

import java.util.List;

/**
 * A simulated account as the harness knows it: its population, its ids in the gateway, its key secrets, and the
 * ground truth the gateway never sees (the true controlling entity).
 */
public record SimAccount(int population, int index, String accountId, String orgId, List<String> keySecrets,
        List<String> keyIds, String trueEntity, long signupMs, String paymentFingerprint, String emailDomain) {

    public SimAccount {
        keySecrets = List.copyOf(keySecrets);
        keyIds = List.copyOf(keyIds);
    }
}
