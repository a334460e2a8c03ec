package io.distillguard.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.link.EntityResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobEntitiesTest {
    @Test
    void accountsResolveToTheJobsEntityOnceADecisionListsThem() {
        JobEntities entities = new JobEntities(EntityResolver.identity());
        assertThat(entities.entityOf("a1")).isEqualTo("ent_a1");

        entities.update("ent_job", List.of("a1", "a2"));

        assertThat(entities.entityOf("a1")).isEqualTo("ent_job");
        assertThat(entities.entityOf("a2")).isEqualTo("ent_job");
        assertThat(entities.entityOf("a3")).isEqualTo("ent_a3");
    }

    @Test
    void anAccountSplitOffFallsBackUnlessAnotherEntityClaimedIt() {
        JobEntities entities = new JobEntities(EntityResolver.identity());
        entities.update("ent_x", List.of("a1", "a2", "a3"));
        entities.update("ent_y", List.of("a3"));

        entities.update("ent_x", List.of("a1"));

        assertThat(entities.entityOf("a1")).isEqualTo("ent_x");
        assertThat(entities.entityOf("a2")).isEqualTo("ent_a2");
        assertThat(entities.entityOf("a3")).as("claimed by ent_y since").isEqualTo("ent_y");
        assertThat(entities.accounts()).isEqualTo(2);
    }
}
