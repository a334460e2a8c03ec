package io.distillguard.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A prefix-to-ASN table in the tab-separated format of iptoasn.com's free {@code ip2asn-v4.tsv},
 * {@code ip2asn-v6.tsv} or {@code ip2asn-combined.tsv} ({@code range_start range_end AS_number country_code
 * AS_description}, one range per line), held as sorted primitive arrays per address family and searched by bisection
 * (about 500,000 IPv4 ranges take 10 MB). IPv6 ranges are kept to their upper 64 bits: BGP carries nothing longer than
 * a /48, so no announced range ends inside a /64. Rows with ASN 0 ("Not routed") and blank or {@code #} lines are
 * skipped; a malformed row fails the load naming its line.
 */
public final class AsnTable implements AsnLookup {
    private final Ranges v4;
    private final Ranges v6;

    private AsnTable(Ranges v4, Ranges v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    public static AsnTable load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads the TSV from {@code in}; {@code source} names it in errors. */
    public static AsnTable read(Reader in, String source) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Ranges.Builder v4 = new Ranges.Builder();
        Ranges.Builder v6 = new Ranges.Builder();
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
            String first = f[0].strip();
            boolean six = first.indexOf(':') >= 0;
            int asn;
            try {
                asn = Integer.parseUnsignedInt(f[2].strip());
            } catch (NumberFormatException ex) {
                asn = -1;
            }
            if (six) {
                byte[] start = ipv6(first);
                byte[] end = ipv6(f[1].strip());
                if (start == null || end == null || Arrays.compareUnsigned(end, start) < 0 || asn == -1) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": bad range or ASN: " + line);
                }
                if (asn != 0) {
                    // Unsigned 64-bit values sort as signed ones once the sign bit is flipped.
                    v6.add(upper(start) ^ Long.MIN_VALUE, upper(end) ^ Long.MIN_VALUE, asn);
                }
            } else {
                long start = ipv4(first);
                long end = ipv4(f[1].strip());
                if (start < 0 || end < start || asn == -1) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": bad range or ASN: " + line);
                }
                if (asn != 0) {
                    v4.add(start, end, asn);
                }
            }
        }
        return new AsnTable(v4.build(), v6.build());
    }

    /** Ranges held, both families. */
    public int size() {
        return v4.size() + v6.size();
    }

    /** IPv6 ranges held. */
    public int ipv6Size() {
        return v6.size();
    }

    @Override
    public int asnOf(String ip) {
        if (ip == null) {
            return 0;
        }
        if (ip.indexOf(':') >= 0) {
            byte[] a = colonLiteral(ip);
            if (a == null) {
                return 0;
            }
            // An IPv4-mapped literal (::ffff:a.b.c.d) comes back from the JDK as its IPv4 address.
            return a.length == 4 ? v4.asnOf(upper(a) >>> 32) : v6.asnOf(upper(a) ^ Long.MIN_VALUE);
        }
        long v = ipv4(ip);
        return v < 0 ? 0 : v4.asnOf(v);
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

    /** The 16 bytes of an IPv6 literal, or null. */
    static byte[] ipv6(String s) {
        byte[] a = colonLiteral(s);
        return a != null && a.length == 16 ? a : null;
    }

    /**
     * The 16 bytes of an IPv6 literal or the 4 of an IPv4-mapped one, or null. Only hex digits, colons and dots (an
     * embedded IPv4 tail) reach the JDK's parser, and only with a colon, which makes the string a literal that the
     * JDK never resolves by DNS.
     */
    private static byte[] colonLiteral(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The first 8 bytes (4 of an IPv4 address, then zeros) as one value. */
    private static long upper(byte[] address) {
        long upper = 0;
        for (int i = 0; i < 8; i++) {
            if (i >= address.length) {
                upper <<= 8;
                continue;
            }
            upper = upper << 8 | (address[i] & 0xff);
        }
        return upper;
    }

    /** One family's ranges: starts sorted, ends and ASNs alongside. */
    private record Ranges(long[] starts, long[] ends, int[] asns) {
        int size() {
            return starts.length;
        }

        int asnOf(long v) {
            int i = Arrays.binarySearch(starts, v);
            if (i < 0) {
                i = -i - 2; // the last range starting before v
            }
            return i >= 0 && v <= ends[i] ? asns[i] : 0;
        }

        static final class Builder {
            private long[] s = new long[1024];
            private long[] e = new long[1024];
            private int[] a = new int[1024];
            private int n;

            void add(long start, long end, int asn) {
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

            Ranges build() {
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
                return new Ranges(starts, ends, asns);
            }
        }
    }
}
