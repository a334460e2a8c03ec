package io.distillguard.flink.bench;

import io.distillguard.event.UsageEvent;

/** Copies of scenario events moved in time, for the benchmark's longer input. */
public final class DetectionJobBenchmarkShift {
    private DetectionJobBenchmarkShift() {
    }

    /** {@code e} moved {@code byMs} later, with a request id unique to repetition {@code rep}. */
    public static UsageEvent shift(UsageEvent e, long byMs, int rep) {
        return new UsageEvent(e.requestId() + "_" + rep, e.timestampMs() + byMs, e.orgId(), e.accountId(), e.keyId(),
                e.entityId(), e.clientIp(), e.clientFingerprint(), e.userAgent(), e.model(), e.endpoint(), e.params(),
                e.prompt(), e.inputTokens(), e.outputTokens(), e.status(), e.errorCode(), e.latencyMs(), e.ttftMs(),
                e.usageSource(), e.promptText(), e.responseText());
    }
}
