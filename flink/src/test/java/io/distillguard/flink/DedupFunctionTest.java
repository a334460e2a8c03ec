package io.distillguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.UsageEvent;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A redelivered event is dropped per account, across a restore, until its request id's window has passed. */
class DedupFunctionTest {
    private static final long WINDOW_MS = 60_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, UsageEvent> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DedupFunction(WINDOW_MS)),
                UsageEvent::accountId, org.apache.flink.api.common.typeinfo.Types.STRING);
        h.setStateTtlProcessingTime(0);
        return h;
    }

    private static final UsageEvent TEMPLATE = template();

    private static UsageEvent template() {
        try {
            return new HydraScenario(3, 1).events.getFirst();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static UsageEvent event(String account, String requestId, long atMs) {
        UsageEvent t = TEMPLATE;
        return new UsageEvent(requestId, atMs, t.orgId(), account, t.keyId(), null, t.clientIp(), null, t.userAgent(),
                t.model(), t.endpoint(), t.params(), t.prompt(), t.inputTokens(), t.outputTokens(), t.status(), null,
                t.latencyMs(), t.ttftMs(), t.usageSource(), null, null);
    }

    private static List<String> ids(KeyedOneInputStreamOperatorTestHarness<String, UsageEvent, UsageEvent> h) {
        return h.extractOutputValues().stream().map(e -> e.accountId() + "/" + e.requestId()).toList();
    }

    @Test
    void aRedeliveredRequestIsDroppedOnceAndForAllWithinTheWindow() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(event("a", "req-1", 1_000), 1_000));
            h.processElement(new StreamRecord<>(event("a", "req-2", 2_000), 2_000));
            h.processElement(new StreamRecord<>(event("a", "req-1", 1_000), 1_000)); // redelivered
            h.processElement(new StreamRecord<>(event("b", "req-3", 2_500), 2_500));
            assertThat(ids(h)).containsExactly("a/req-1", "a/req-2", "b/req-3");
            snapshot = h.snapshot(1, 3_000);
        }
        try (var h = harness()) { // restored from the checkpoint: the ids seen survive
            h.initializeState(snapshot);
            h.open();
            h.setStateTtlProcessingTime(WINDOW_MS / 2);
            h.processElement(new StreamRecord<>(event("a", "req-2", 2_000), 2_000)); // redelivered after a restart
            h.processElement(new StreamRecord<>(event("b", "req-4", 4_000), 4_000));
            assertThat(ids(h)).containsExactly("b/req-4");

            h.setStateTtlProcessingTime(WINDOW_MS + 1); // past the window of req-1 (written at processing time 0)
            h.processElement(new StreamRecord<>(event("a", "req-1", 1_000), 1_000));
            assertThat(ids(h)).containsExactly("b/req-4", "a/req-1");
        }
    }
}
