package io.distillguard.policy;

import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.audit.AuditRecord;
import io.distillguard.policy.audit.BrokenLine;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.cache.ManualAction;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.file.ActionParams;
import io.distillguard.policy.file.ActionTemplate;
import io.distillguard.policy.file.ActionType;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.time.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.distillguard.policy.Inputs.entity;
import static io.distillguard.policy.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    @TempDir
    Path dir;
    private Path file;
    private static final io.distillguard.policy.file.Policy DEFAULT_PACK =
            ((PolicyLoadResult.Loaded) new PolicyLoader().loadResource("policies/default.yaml")).policy();

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());

    /** Writes a realistic log through the runtime: policy load, decisions (one refreshed), manual action, lift, cost. */
    @BeforeEach
    void writeLog() throws Exception {
        file = dir.resolve("audit.jsonl");
        var policy = DEFAULT_PACK;
        try (AuditLog audit = AuditLog.open(file, clock)) {
            audit.appendPolicyLoaded(policy);
            PolicyRuntime runtime = new PolicyRuntime(new PolicyEngine(policy), new DecisionCache(clock), audit, clock);
            var fleet = input(entity("fleet", 12, 8, 0.9, 0.8, false), Map.of("logprob_harvest", 0.9));
            List<Decision> first = runtime.evaluate(fleet);
            assertThat(first).hasSize(5);
            clock.advance(60_000);
            assertThat(runtime.evaluate(fleet)).extracting(Decision::id)
                    .containsExactlyElementsOf(first.stream().map(Decision::id).toList());
            assertThat(audit.size()).as("a repeated decision is not re-audited").isEqualTo(6);
            Decision manual = runtime.apply(new ManualAction("alice", "case 17", Scope.account("acct_fleet_0"),
                    new ActionTemplate(ActionType.BLOCK, ActionParams.NONE), Duration.ofDays(3), Mode.ENFORCE));
            runtime.lift(new Lift("bob", "appeal upheld", Scope.account("acct_fleet_0"), manual.id()));
            runtime.recordCost(first.get(0).id(), 1_200, 3_400_000);
        }
    }

    @Test
    void chainVerifiesAndRecordsExplainEachDecision() throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(9);
        assertThat(AuditLog.verify(file)).isEmpty();
        assertThat(lines.get(0)).contains("\"type\":\"policy\"").contains("\"sha256\"");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"actor\":\"throttle-high-risk\"")
                .contains("\"factor\":0.1").contains("\"scope\":\"entity:fleet\"").contains("\"entity.risk\":0.9")
                .contains("acct_fleet_11").contains("\"expires_at\":\"2026-03-01T06:00:00Z\""));
        assertThat(lines.get(6)).contains("\"type\":\"manual\"").contains("\"actor\":\"operator:alice\"")
                .contains("\"note\":\"case 17\"");
        assertThat(lines.get(7)).contains("\"type\":\"lift\"").contains("\"note\":\"appeal upheld\"");
        assertThat(lines.get(8)).contains("\"type\":\"cost\"").contains("\"tokens_withheld\":3400000");
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        try (AuditLog audit = AuditLog.open(file, clock)) {
            AuditRecord r = audit.appendCost("dec_x", 1, 2);
            assertThat(r.seq()).isEqualTo(10);
        }
        assertThat(AuditLog.verify(file)).isEmpty();
    }

    @Test
    void editedLineIsDetected() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).replace("\"mode\":\"enforce\"", "\"mode\":\"shadow\""));
        Files.write(file, lines);
        assertThat(AuditLog.verify(file)).hasValueSatisfying(b -> {
            assertThat(b.lineNumber()).isEqualTo(4);
            assertThat(b.problem()).contains("content hash mismatch");
        });
    }

    @Test
    void whitespaceOnlyEditIsDetected() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace(",", ", "));
        Files.write(file, lines);
        assertThat(AuditLog.verify(file)).map(BrokenLine::lineNumber).contains(3L);
    }

    @Test
    void deletedLineIsDetected() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(4);
        Files.write(file, lines);
        assertThat(AuditLog.verify(file)).map(BrokenLine::lineNumber).contains(5L);
    }

    @Test
    void reorderedLinesAreDetected() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Collections.swap(lines, 5, 6);
        Files.write(file, lines);
        Optional<BrokenLine> broken = AuditLog.verify(file);
        assertThat(broken).map(BrokenLine::lineNumber).contains(6L);
    }
}
