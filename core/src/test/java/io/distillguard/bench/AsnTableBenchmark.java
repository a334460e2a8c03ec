package io.distillguard.bench;

import io.distillguard.link.AsnTable;
import java.io.IOException;
import java.io.StringReader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the linker's ASN lookup (once per change of an account's client address) on a table the size of the full
 * iptoasn.com IPv4 file (about 500,000 ranges; synthetic /24 and /20 ranges here), and of loading such a table at
 * startup. Run with {@code java -cp <test classpath> org.openjdk.jmh.Main AsnTableBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AsnTableBenchmark {
    static final int RANGES = 500_000;

    private String tsv;
    private AsnTable table;
    private String[] addresses;
    private int next;

    @Setup
    public void setup() throws IOException {
        StringBuilder b = new StringBuilder(RANGES * 40);
        SplittableRandom r = new SplittableRandom(1);
        long at = 1L << 24; // 1.0.0.0
        for (int i = 0; i < RANGES; i++) {
            long size = r.nextInt(4) == 0 ? 4096 : 256;
            b.append(ip(at)).append('\t').append(ip(at + size - 1)).append('\t').append(1 + r.nextInt(70_000))
                    .append("\tZZ\tAS-").append(i).append('\n');
            at += size + (r.nextInt(8) == 0 ? 256 : 0); // some unrouted gaps
        }
        tsv = b.toString();
        table = AsnTable.read(new StringReader(tsv), "synthetic");
        addresses = new String[1 << 16];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = ip((1L << 24) + r.nextLong(at - (1L << 24)));
        }
    }

    private static String ip(long v) {
        return (v >>> 24 & 255) + "." + (v >>> 16 & 255) + "." + (v >>> 8 & 255) + "." + (v & 255);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public int lookup() {
        return table.asnOf(addresses[next++ & (addresses.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Measurement(iterations = 3)
    @Warmup(iterations = 1)
    public AsnTable load() throws IOException {
        return AsnTable.read(new StringReader(tsv), "synthetic");
    }
}
