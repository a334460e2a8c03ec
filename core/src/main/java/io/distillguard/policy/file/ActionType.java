package io.distillguard.policy.file;

import java.util.Arrays;
import java.util.Optional;

/** The actions a rule or an operator can take, as spelled in policy files. */
public enum ActionType {
    TAG,
    WATERMARK,
    DEGRADE,
    THROTTLE,
    REQUIRE_VERIFICATION,
    BLOCK;

    /** The name used in policy files ({@code require_verification}). */
    public String fileName() {
        return name().toLowerCase();
    }

    public static Optional<ActionType> parse(String s) {
        return Arrays.stream(values()).filter(a -> a.fileName().equals(s)).findFirst();
    }
}
