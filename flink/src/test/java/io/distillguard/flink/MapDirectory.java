package io.distillguard.flink;

import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A test directory: a table of account profiles shipped with the job graph (as field arrays, since the core's
 * profile records are not {@link java.io.Serializable}).
 */
final class MapDirectory implements JobDirectory {
    private final HashMap<String, Object[]> rows = new HashMap<>();
    private transient HashMap<String, AccountProfile> profiles;

    MapDirectory(Map<String, AccountProfile> profiles) {
        profiles.forEach((id, p) -> rows.put(id, new Object[] {p.orgId(), p.tier().name(), p.tier().rpm(),
                p.tier().inputTpm(), p.tier().outputTpm(), p.tier().outputTpd(), p.createdAt().toEpochMilli(),
                p.emailDomain(), p.paymentFingerprintHash(), p.verifiedIdHash(), p.signupPath(), p.verified(),
                p.asn()}));
    }

    @Override
    public AccountProfile profile(String accountId) {
        if (profiles == null) {
            profiles = new HashMap<>();
            rows.forEach((id, r) -> profiles.put(id, new AccountProfile(id, (String) r[0],
                    new TierLimits((String) r[1], (long) r[2], (long) r[3], (long) r[4], (long) r[5]),
                    Instant.ofEpochMilli((long) r[6]), (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                    (boolean) r[11], (Integer) r[12])));
        }
        return profiles.get(accountId);
    }
}
