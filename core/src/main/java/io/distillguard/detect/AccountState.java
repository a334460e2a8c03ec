package io.distillguard.detect;

import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.risk.EntityRiskState;
import io.distillguard.link.LinkState;

/**
 * Everything the engine keeps per account, in one record so that an event costs one lookup: the directory's profile
 * (refreshed whenever the account's entity is scored), the traffic profile, the linker's state of the account, and
 * the risk state of the entity the account last reported to (a cache, checked on every event).
 */
public final class AccountState {
    AccountProfile profile;
    final TrafficProfile traffic = new TrafficProfile();
    final LinkState links;
    String riskEntity;
    EntityRiskState risk;

    AccountState(AccountProfile profile, LinkState links) {
        this.profile = profile;
        this.links = links;
    }

    public AccountProfile profile() {
        return profile;
    }

    public TrafficProfile traffic() {
        return traffic;
    }
}
