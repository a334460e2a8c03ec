package io.distillguard.detect;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.TIER1;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.detect.account.AccountProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accounts registered at signup link on their signup attributes before they send anything. */
class SignupLinkingTest {
    private final Map<String, AccountProfile> directory = new HashMap<>();
    private final DetectionEngine engine = DetectionEngine.inMemory(DetectionConfig.defaults(), directory::get,
            alert -> { }, Clock.systemUTC());

    private void signUp(String id, String card) {
        directory.put(id, new AccountProfile(id, "org_" + id, TIER1, Instant.ofEpochMilli(T0 - 86_400_000L),
                "gmail.com", card, null, null, false, null));
        engine.registerAccount(id);
    }

    @Test
    void aFleetOnOneCardIsOneEntityBeforeItsFirstRequest() {
        for (int i = 0; i < 5; i++) {
            signUp("f" + i, "pf_shared");
        }
        signUp("solo", "pf_own");
        String fleet = engine.linker().entityOf("f0");
        for (int i = 1; i < 5; i++) {
            assertThat(engine.linker().entityOf("f" + i)).isEqualTo(fleet);
        }
        assertThat(engine.linker().members(fleet)).hasSize(5);
        assertThat(engine.linker().entityOf("solo")).isEqualTo("ent_solo");
        assertThat(engine.profileOf("f0")).isNull(); // no traffic state until it sends

        engine.registerAccount("f0"); // again: nothing changes
        engine.onEvent(event("f3", T0).build()); // the first request already belongs to the fleet
        assertThat(engine.linker().entityOf("f3")).isEqualTo(fleet);
        assertThat(engine.linker().members(fleet)).hasSize(5);
        assertThat(engine.profileOf("f3")).isNotNull();
    }
}
