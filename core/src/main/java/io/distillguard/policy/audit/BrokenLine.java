package io.distillguard.policy.audit;

/**
 * The first line of an audit log that does not verify.
 *
 * @param lineNumber 1-based line number
 * @param problem    what is wrong (bad hash, broken link to the previous record, not canonical, unparseable)
 */
public record BrokenLine(long lineNumber, String problem) {
}
