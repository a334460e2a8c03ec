package io.distillguard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.detect.risk.EntityRiskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnscoredEntitiesTest {

    @Test
    void keepsTheOrderOfALinkedHashSetThroughChurnCompactionAndStateReplacement() {
        UnscoredEntities queue = new UnscoredEntities();
        Set<String> model = new LinkedHashSet<>();
        Map<String, EntityRiskState> states = new HashMap<>();
        Random random = new Random(11);
        for (int step = 0; step < 200_000; step++) {
            String id = "ent_" + random.nextInt(step < 100_000 ? 3_000 : 50);
            EntityRiskState state = states.computeIfAbsent(id, k -> new EntityRiskState());
            int op = random.nextInt(10);
            if (op < 5) {
                queue.add(id, state);
                model.add(id);
            } else if (op < 9) {
                queue.remove(state);
                model.remove(id);
            } else {
                // the entity is absorbed: its state leaves the queue and the store, a later one starts afresh
                queue.remove(state);
                model.remove(id);
                states.remove(id);
            }
            if (step % 997 == 0) {
                assertThat(queue.ids()).isEqualTo(new ArrayList<>(model));
                assertThat(queue.size()).isEqualTo(model.size());
            }
        }
        List<String> last = queue.ids();
        assertThat(last).isEqualTo(new ArrayList<>(model));
        for (String id : last) {
            queue.remove(states.get(id));
        }
        assertThat(queue.ids()).isEmpty();
        queue.add("ent_x", new EntityRiskState());
        assertThat(queue.ids()).containsExactly("ent_x");
    }
}
