package io.distillguard.evidence.report;

import io.distillguard.alert.Alert;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.forensics.DetectionReport;
import io.distillguard.link.LinkReason;
import java.util.List;
import java.util.Set;

/**
 * Everything the campaign report shows about one entity, gathered from one replay of the usage log.
 *
 * @param entityId    the entity (as the replay's linker names it)
 * @param requested   the id the operator asked for (an entity or an account id)
 * @param accounts    the entity's accounts
 * @param linkReasons why those accounts are one entity, strongest first
 * @param risk        the entity's latest risk with every signal's reading, or null when it was never scored
 * @param alert       the latest alert the replay raised on the entity, or null
 * @param activity    the entity's events aggregated
 * @param eventHash   SHA-256 over the entity's events as canonical JSON lines in event-time order
 * @param eventCount  number of events hashed
 * @param replayed    number of events replayed in total
 * @param audit       actions taken, from the audit log
 * @param watermark   the watermark test of the supplied texts, or null when none were supplied
 * @param generatedAtMs when the report was generated (wall clock)
 */
record EntityEvidence(String entityId, String requested, Set<String> accounts, List<LinkReason> linkReasons,
                      RiskScore risk, Alert alert, EntityActivity activity, String eventHash, long eventCount,
                      long replayed, AuditTrail audit, DetectionReport watermark, long generatedAtMs) {
}
