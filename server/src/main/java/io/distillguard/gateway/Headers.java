package io.distillguard.gateway;

/**
 * Case-insensitive header-name sets for the per-request header copies, checked without lower-casing (and so without
 * allocating) each name.
 */
final class Headers {
    private final String[] names;

    /** A set of {@code names}, each given in lower case. */
    Headers(String... names) {
        this.names = names.clone();
    }

    boolean contains(String name) {
        for (String n : names) {
            if (n.length() == name.length() && n.regionMatches(true, 0, name, 0, n.length())) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code name} begins with {@code prefix} (lower case), ignoring case. */
    static boolean startsWith(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
