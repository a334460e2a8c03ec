package io.distillguard.feature;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Near-duplicate index over public benchmark items, to recognise prompts that are benchmark questions (capability
 * probing, eval-set harvesting). Each item (and, for multiple choice, its question alone) is summarised by a
 * SuperMinHash signature of its word pairs; LSH banding over the signatures makes a lookup touch only the few items
 * that share a band, not all of them. A prompt is compared span by span (dropping up to three leading and trailing
 * sentences or lines), so an item wrapped in an instruction still matches, and a match needs an estimated Jaccard
 * similarity of at least {@value #MIN_SIMILARITY} with the item. Immutable and thread-safe once loaded.
 */
public final class BenchmarkIndex {

    static final double MIN_SIMILARITY = 0.5;
    private static final int BANDS = 24;
    private static final int ROWS = 3;
    private static final int COMPONENT_BITS = 16;
    private static final int MAX_TRIM = 3;
    private static final int MIN_PAIRS = 4;
    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    private final SimilarityHashPolicy policy = SimilarityHashing.superMinHash(BANDS * ROWS, COMPONENT_BITS);
    private final int sigBytes = policy.getSignatureSizeInBytes();
    private final int bandBytes = sigBytes / BANDS;
    private final String[] sources;
    private final short[] entrySource;
    private final int[] entryItem;
    private final byte[] signatures;
    /** Per band: (band key << 32 | entry), sorted. */
    private final long[][] bands;
    private final int maxEntryPairs;

    private BenchmarkIndex(List<BenchmarkItem> items) {
        sources = items.stream().map(BenchmarkItem::source).distinct().toArray(String[]::new);
        List<String> sourceList = Arrays.asList(sources);
        int[] count = {0};
        BenchmarkText[] texts = new BenchmarkText[items.size() * 2];
        int[] itemOf = new int[texts.length];
        for (int i = 0; i < items.size(); i++) {
            BenchmarkItem item = items.get(i);
            BenchmarkText full = BenchmarkText.of(item.full());
            addText(texts, itemOf, count, full, i);
            if (!item.full().equals(item.question())) {
                BenchmarkText question = BenchmarkText.of(item.question());
                if (question.pairs.length >= 2 * MIN_PAIRS) {
                    addText(texts, itemOf, count, question, i);
                }
            }
        }
        int n = count[0];
        entrySource = new short[n];
        entryItem = new int[n];
        signatures = new byte[n * sigBytes];
        bands = new long[BANDS][n];
        int max = 0;
        for (int e = 0; e < n; e++) {
            BenchmarkItem item = items.get(itemOf[e]);
            entrySource[e] = (short) sourceList.indexOf(item.source());
            entryItem[e] = item.item();
            long[] pairs = texts[e].pairs;
            max = Math.max(max, pairs.length);
            byte[] sig = signature(pairs, 0, pairs.length);
            System.arraycopy(sig, 0, signatures, e * sigBytes, sigBytes);
            for (int b = 0; b < BANDS; b++) {
                bands[b][e] = (bandKey(sig, b) << 32) | e;
            }
        }
        maxEntryPairs = max;
        for (long[] band : bands) {
            Arrays.sort(band);
        }
    }

    private static void addText(BenchmarkText[] texts, int[] itemOf, int[] count, BenchmarkText t, int item) {
        if (t.pairs.length >= MIN_PAIRS) {
            texts[count[0]] = t;
            itemOf[count[0]++] = item;
        }
    }

    /** An index over the items of the given benchmark files or directories (see {@link BenchmarkFileReader}). */
    public static BenchmarkIndex load(List<Path> paths) {
        return of(BenchmarkFileReader.read(paths));
    }

    /** An index over {@code items}. */
    public static BenchmarkIndex of(List<BenchmarkItem> items) {
        if (items.size() > Short.MAX_VALUE * 64) {
            throw new IllegalArgumentException("too many benchmark items: " + items.size());
        }
        return new BenchmarkIndex(items);
    }

    /** The benchmark item {@code prompt} reproduces, if any: the most similar one at or above the threshold. */
    public Optional<BenchmarkMatch> match(String prompt) {
        BenchmarkText text = BenchmarkText.of(prompt);
        int units = text.units();
        int bestEntry = -1;
        double best = MIN_SIMILARITY;
        for (int head = 0; head <= Math.min(MAX_TRIM, units - 1); head++) {
            for (int tail = 0; tail <= MAX_TRIM && head + tail < units; tail++) {
                int from = text.unitStarts[head];
                int toToken = tail == 0 ? text.tokenCount : text.unitStarts[units - tail];
                int to = Math.min(text.pairs.length, toToken - 1);
                int len = to - from;
                if (len < MIN_PAIRS || len * MIN_SIMILARITY > maxEntryPairs) {
                    continue;
                }
                byte[] sig = signature(text.pairs, from, len);
                for (int b = 0; b < BANDS; b++) {
                    long key = bandKey(sig, b) << 32;
                    long[] band = bands[b];
                    int i = Arrays.binarySearch(band, key);
                    for (i = i < 0 ? -i - 1 : i; i < band.length && (band[i] & 0xFFFFFFFF00000000L) == key; i++) {
                        int e = (int) band[i];
                        double sim = similarity(sig, e);
                        if (sim >= best && (sim > best || bestEntry < 0)) {
                            best = sim;
                            bestEntry = e;
                        }
                    }
                }
            }
        }
        return bestEntry < 0 ? Optional.empty()
                : Optional.of(new BenchmarkMatch(sources[entrySource[bestEntry]], entryItem[bestEntry], best));
    }

    /** Number of indexed entries (items, plus question-only entries of multiple-choice items). */
    public int size() {
        return entryItem.length;
    }

    /** Bytes held by the index's arrays (signatures, band tables, item ids): its memory apart from object headers. */
    public long memoryBytes() {
        long n = entryItem.length;
        return n * (2 + 4 + 4) + signatures.length + (long) BANDS * n * 8;
    }

    private byte[] signature(long[] pairs, int from, int len) {
        return policy.createHasher().compute(ElementHashProvider.ofFunction(i -> pairs[from + i], len));
    }

    private long bandKey(byte[] sig, int band) {
        return (XXH3.hashBytesToLong(sig, band * bandBytes, bandBytes) + band) >>> 32;
    }

    private double similarity(byte[] sig, int entry) {
        int offset = entry * sigBytes;
        int equal = 0;
        for (int c = 0; c < sigBytes; c += 2) {
            if (sig[c] == signatures[offset + c] && sig[c + 1] == signatures[offset + c + 1]) {
                equal++;
            }
        }
        return equal / (double) (sigBytes / 2);
    }
}
