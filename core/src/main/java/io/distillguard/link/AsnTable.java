package io.distillguard.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An IPv4 prefix-to-ASN table in the tab-separated format of iptoasn.com's free {@code ip2asn-v4.tsv}
 * ({@code range_start range_end AS_number country_code AS_description}, one range per line, dotted quads), held as
 * sorted primitive arrays and searched by bisection (about 500,000 ranges take 8 MB). Rows with ASN 0 ("Not routed"),
 * IPv6 rows and blank or {@code #} lines are skipped; a malformed row fails the load naming its line.
 */
public final class AsnTable implements AsnLookup {
    private final long[] starts;
    private final long[] ends;
    private final int[] asns;

    private AsnTable(long[] starts, long[] ends, int[] asns) {
        this.starts = starts;
        this.ends = ends;
        this.asns = asns;
    }

    public static AsnTable load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads the TSV from {@code in}; {@code source} names it in errors. */
    public static AsnTable read(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        int n = 0;
        long[] s = new long[1024];
        long[] e = new long[1024];
        int[] a = new int[1024];
        String line;
        int lineNo = 0;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            if (f.length < 3) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected range_start, range_end, ASN");
            }
            if (f[0].indexOf(':') >= 0) {
                continue; // IPv6 range
            }
            long start = ipv4(f[0].strip());
            long end = ipv4(f[1].strip());
            int asn;
            try {
                asn = Integer.parseUnsignedInt(f[2].strip());
            } catch (NumberFormatException ex) {
                asn = -1;
            }
            if (start < 0 || end < start || asn == -1) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": bad range or ASN: " + line);
            }
            if (asn == 0) {
                continue;
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                e = Arrays.copyOf(e, n * 2);
                a = Arrays.copyOf(a, n * 2);
            }
            s[n] = start;
            e[n] = end;
            a[n] = asn;
            n++;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] ss = s;
        Arrays.sort(order, (x, y) -> Long.compare(ss[x], ss[y]));
        long[] starts = new long[n];
        long[] ends = new long[n];
        int[] asns = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = s[order[i]];
            ends[i] = e[order[i]];
            asns[i] = a[order[i]];
        }
        return new AsnTable(starts, ends, asns);
    }

    /** Ranges held. */
    public int size() {
        return starts.length;
    }

    @Override
    public int asnOf(String ip) {
        long v = ip == null ? -1 : ipv4(ip);
        if (v < 0) {
            return 0;
        }
        int i = Arrays.binarySearch(starts, v);
        if (i < 0) {
            i = -i - 2; // the last range starting before v
        }
        return i >= 0 && v <= ends[i] ? asns[i] : 0;
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code s} is not a dotted-quad IPv4 address. */
    static long ipv4(String s) {
        long v = 0;
        int octets = 0;
        int part = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                part = (part < 0 ? 0 : part * 10) + (c - '0');
                if (part > 255) {
                    return -1;
                }
            } else if (c == '.' && part >= 0) {
                v = v << 8 | part;
                octets++;
                part = -1;
            } else {
                return -1;
            }
        }
        return octets == 4 ? v : -1;
    }
}
