package io.distillguard.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void agreesWithAHashMapThroughGrowthIncludingKeyZero() {
        LongObjectMap<String> map = new LongObjectMap<>();
        Map<Long, String> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            long key = i % 7 == 0 ? random.nextInt(50) : random.nextLong();
            map.put(key, "v" + i);
            expected.put(key, "v" + i);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        assertThat(map.get(0)).isEqualTo(expected.get(0L));
        assertThat(map.get(123_456_789_123L)).isEqualTo(expected.get(123_456_789_123L));
    }
}
