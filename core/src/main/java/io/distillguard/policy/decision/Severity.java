package io.distillguard.policy.decision;

/**
 * How hard a decision bites, in increasing order. Watermarking is invisible to the caller, so it ranks below degrading
 * the response; throttling slows a campaign, verification stops it until a human proves who they are, blocking ends it.
 */
public enum Severity {
    ALLOW,
    TAG,
    WATERMARK,
    DEGRADE,
    THROTTLE,
    REQUIRE_VERIFICATION,
    BLOCK
}
