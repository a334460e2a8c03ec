package io.distillguard.link;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of the account linker.
 *
 * @param linkThreshold      pair score (noisy-OR of evidence weights) at which two accounts join one entity
 * @param anchorsPerValue    accounts per attribute value that new holders are paired with (bounds pairs per value)
 * @param minNewPairWeight   a shared value weaker than this adds to existing pairs but opens no new pair
 * @param maxPairsPerAccount pairs an account can have (bounds memory per account)
 * @param maxValuesPerKind   distinct values per account and kind that are indexed (bounds rotating-IP accounts)
 * @param templateMinUses    uses of a template by one account before it counts as that account's template
 * @param signupBurstMs      width of the signup-time buckets that make a signup burst
 * @param timingEveryEvents  an account's pairs are re-scored for correlated timing every this many events
 * @param publicEmailDomains mail providers whose domain links nothing (gmail.com, ...)
 */
public record LinkConfig(
        double linkThreshold,
        int anchorsPerValue,
        double minNewPairWeight,
        int maxPairsPerAccount,
        int maxValuesPerKind,
        int templateMinUses,
        long signupBurstMs,
        int timingEveryEvents,
        Set<String> publicEmailDomains) {

    public LinkConfig {
        if (linkThreshold <= 0 || linkThreshold > 1) {
            throw new IllegalArgumentException("linkThreshold must be in (0,1]");
        }
        if (anchorsPerValue < 1 || maxPairsPerAccount < 1 || minNewPairWeight < 0 || maxValuesPerKind < 1 || templateMinUses < 1 || signupBurstMs <= 0
                || timingEveryEvents < 1) {
            throw new IllegalArgumentException("link limits must be positive");
        }
        publicEmailDomains = Set.copyOf(publicEmailDomains);
    }

    /** Defaults, with the public mail providers from the bundled {@code public-email-domains.txt}. */
    public static LinkConfig defaults() {
        return new LinkConfig(0.6, 8, 0.1, 48, 16, 3, 10 * 60_000L, 64, bundledPublicEmailDomains());
    }

    public LinkConfig withLinkThreshold(double threshold) {
        return new LinkConfig(threshold, anchorsPerValue, minNewPairWeight, maxPairsPerAccount, maxValuesPerKind, templateMinUses, signupBurstMs,
                timingEveryEvents, publicEmailDomains);
    }

    public boolean isPublicEmailDomain(String domain) {
        return domain != null && publicEmailDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    static Set<String> bundledPublicEmailDomains() {
        Set<String> domains = new HashSet<>();
        try (InputStream in = LinkConfig.class.getResourceAsStream("public-email-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("public-email-domains.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String domain = line.strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && !domain.startsWith("#")) {
                    domains.add(domain);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return domains;
    }
}
