package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * 16 threads x 500 requests of the Azure conversation trace (real prompt and completion sizes) race for output-token
 * budgets, with the clock frozen so nothing refills: first on a key with a small budget, then on a second key of the
 * same account whose budget exceeds the account's, so the account refuses requests whose key tokens must be rolled back. Reservations must never overspend a
 * budget at any moment, and after settlement every bucket must hold exactly its budget minus the actual usage.
 */
class QuotaEnforcerConcurrencyTest {
    private static final int THREADS = 16;
    private static final int PER_PHASE = 250;
    private static final long CEILING = 1_024;

    /** Counters that never run ahead of what the buckets really hold, so exceeding a budget proves an overspend. */
    private record Ledger(long budget, AtomicLong inFlight, AtomicLong settled, LongAccumulator peak) {
        Ledger(long budget) {
            this(budget, new AtomicLong(), new AtomicLong(), new LongAccumulator(Math::max, 0));
        }

        void admitted(long reserved) {
            long committed = inFlight.addAndGet(reserved) + settled.get();
            peak.accumulate(committed);
        }

        void settling(long reserved, long actual) {
            settled.addAndGet(actual);
            inFlight.addAndGet(-reserved);
        }
    }

    private static List<long[]> azureRequests(int count) throws IOException {
        Path trace = Path.of(System.getProperty("distillguard.shared", "../shared"),
                "data", "traces", "azure_llm_2023", "AzureLLMInferenceTrace_conv.csv");
        try (var lines = Files.lines(trace)) {
            return lines.skip(1).limit(count).map(line -> {
                String[] f = line.split(",");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
            }).toList();
        }
    }

    @Test
    void concurrentReservationsNeverOverspendAndSettleExactly() throws Exception {
        List<long[]> requests = azureRequests(2 * THREADS * PER_PHASE);
        assertThat(requests).hasSize(2 * THREADS * PER_PHASE);

        QuotaEnforcer enforcer = new QuotaEnforcer(
                new InMemoryBucketStore(new VirtualClock(1_700_000_000_000L), InMemoryStoreConfig.DEFAULT));
        LimitSpec rpm = LimitSpec.requestsPerMinute(1_000_000);
        LimitSpec keyA = LimitSpec.outputTokensPerDay(200_000);
        LimitSpec keyB = LimitSpec.outputTokensPerDay(50_000);
        LimitSpec account = LimitSpec.outputTokensPerDay(150_000);
        Scope accountScope = Scope.of(ScopeKind.ACCOUNT, "acct", account);
        List<List<Scope>> scopesByKey = List.of(
                List.of(Scope.of(ScopeKind.KEY, "a", rpm, keyA), accountScope),
                List.of(Scope.of(ScopeKind.KEY, "b", rpm, keyB), accountScope));
        Ledger[] keyLedgers = {new Ledger(keyA.capacity()), new Ledger(keyB.capacity())};
        Ledger accountLedger = new Ledger(account.capacity());
        AtomicLong[] admittedPerKey = {new AtomicLong(), new AtomicLong()};
        AtomicLong[] rejectedBy = {new AtomicLong(), new AtomicLong()};

        // Phase 1: all threads on key b until its small budget is gone (the account has room for it).
        // Phase 2: all threads on key a, whose budget exceeds the account's: the account refuses after key a reserved.
        for (int phase = 0; phase < 2; phase++) {
            int k = 1 - phase;
            int firstRow = phase * THREADS * PER_PHASE;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < PER_PHASE; i++) {
                            int row = firstRow + thread * PER_PHASE + i;
                            long[] r = requests.get(row);
                            Demand demand = Demand.forCompletion(r[0], null, 1, CEILING);
                            Admission admission = enforcer.admit(scopesByKey.get(k), demand);
                            if (admission instanceof Admission.Admitted admitted) {
                                admittedPerKey[k].incrementAndGet();
                                keyLedgers[k].admitted(CEILING);
                                accountLedger.admitted(CEILING);
                                long actual = row % 10 == 0 ? 0 : r[1];
                                keyLedgers[k].settling(CEILING, actual);
                                accountLedger.settling(CEILING, actual);
                                if (actual == 0) {
                                    enforcer.release(admitted.reservation());
                                } else {
                                    enforcer.settle(admitted.reservation(), new ActualUsage(r[0], actual));
                                }
                            } else if (admission instanceof Admission.Rejected rejected) {
                                rejectedBy[rejected.scope() == ScopeKind.KEY ? 0 : 1].incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        for (Ledger ledger : List.of(keyLedgers[0], keyLedgers[1], accountLedger)) {
            assertThat(ledger.peak().get()).isLessThanOrEqualTo(ledger.budget());
            assertThat(ledger.inFlight().get()).isZero();
        }
        assertThat(keyLedgers[1].peak().get()).isGreaterThan(keyB.capacity() - THREADS * CEILING);
        assertThat(accountLedger.peak().get()).isGreaterThan(account.capacity() - THREADS * CEILING);
        assertThat(rejectedBy[0].get()).as("rejected by key b's budget").isPositive();
        assertThat(rejectedBy[1].get()).as("rejected by the account after key a reserved").isPositive();

        Admission probeA = enforcer.admit(scopesByKey.get(0), new Demand(0, 0, 0));
        List<LimitState> states = probeA.status().limits();
        assertThat(states.get(0).remaining()).isEqualTo(rpm.capacity() - admittedPerKey[0].get());
        assertThat(states.get(1).remaining()).isEqualTo(keyA.capacity() - keyLedgers[0].settled().get());
        assertThat(states.get(2).remaining()).isEqualTo(account.capacity() - accountLedger.settled().get());
        List<LimitState> statesB = enforcer.admit(scopesByKey.get(1), new Demand(0, 0, 0)).status().limits();
        assertThat(statesB.get(1).remaining()).isEqualTo(keyB.capacity() - keyLedgers[1].settled().get());
    }
}
