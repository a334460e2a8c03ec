package io.distillguard.watermark;

import java.util.Locale;

/** The capitalisation patterns a substitution can carry over to the replacement word. */
enum Casing {
    LOWER, CAPITALIZED, UPPER, MIXED;

    static Casing of(String word) {
        boolean restLower = true;
        boolean restUpper = true;
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            restLower &= Character.isLowerCase(c);
            restUpper &= Character.isUpperCase(c);
        }
        char first = word.charAt(0);
        if (Character.isLowerCase(first)) {
            return restLower ? LOWER : MIXED;
        }
        if (word.length() > 1 && restUpper) {
            return UPPER;
        }
        return restLower ? CAPITALIZED : MIXED;
    }

    String apply(String lowercase) {
        return switch (this) {
            case LOWER, MIXED -> lowercase;
            case CAPITALIZED -> Character.toUpperCase(lowercase.charAt(0)) + lowercase.substring(1);
            case UPPER -> lowercase.toUpperCase(Locale.ROOT);
        };
    }
}
