package io.distillguard.detect.signal;

import io.distillguard.detect.account.AccountProfile;

/**
 * How new an account is, as evidence: campaigns run on accounts created for the purpose (days old), established
 * customers' accounts are months old. {@link #youth} is 1 up to {@link #YOUNG_DAYS}, falls linearly to 0 at
 * {@link #ESTABLISHED_DAYS}. Signup time is what the account store says (see {@link AccountProfile#createdAt()}).
 */
public final class AccountAge {
    /** At most this old (days) an account counts as fully new. */
    public static final double YOUNG_DAYS = 7;
    /** From this age (days) on an account counts as established. */
    public static final double ESTABLISHED_DAYS = 45;
    private static final double DAY_MS = 86_400_000.0;

    private AccountAge() {
    }

    /** Age in days at {@code nowMs} (0 for a signup time in the future). */
    public static double days(AccountProfile account, long nowMs) {
        return Math.max(0, (nowMs - account.createdAt().toEpochMilli()) / DAY_MS);
    }

    /** 1 for a new account, 0 for an established one, linear in between. */
    public static double youth(AccountProfile account, long nowMs) {
        return 1 - Calibration.ramp(days(account, nowMs), YOUNG_DAYS, ESTABLISHED_DAYS);
    }
}
