package io.distillguard.alert;

import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.link.LinkReason;
import java.util.List;

/**
 * Evidence that an entity is running an extraction campaign: raised once when its risk crosses the threshold and
 * re-issued with the same id and a higher revision when it grows (higher risk, more accounts). Everything an analyst
 * needs to act and to justify acting: the signals with value vs baseline, the accounts and why they were linked, what
 * was obtained, and sample prompts.
 *
 * @param id                 stable alert id of this entity's campaign
 * @param revision           1 for the first issue, +1 per update
 * @param entityId           entity
 * @param score              risk in [0,1]
 * @param signals            signals that contributed, largest first, with readings and weights
 * @param accounts           the entity's accounts (at most 200 listed)
 * @param accountCount       number of accounts
 * @param linkReasons        why the accounts were linked (strongest links, at most 20)
 * @param firstSeenMs        event time of the entity's first request
 * @param lastSeenMs         event time of its latest request
 * @param requests           requests obtained
 * @param inputTokens        input tokens sent
 * @param outputTokens       output tokens obtained
 * @param samplePromptHashes content hashes of sample prompts (hex), flagged prompts preferred
 * @param samplePrompts      texts of those samples where events carried text (truncated)
 * @param raisedAtMs         wall-clock time the alert was first raised
 * @param updatedAtMs        wall-clock time of this revision
 */
public record Alert(
        String id,
        int revision,
        String entityId,
        double score,
        List<SignalContribution> signals,
        List<String> accounts,
        int accountCount,
        List<LinkReason> linkReasons,
        long firstSeenMs,
        long lastSeenMs,
        long requests,
        long inputTokens,
        long outputTokens,
        List<String> samplePromptHashes,
        List<String> samplePrompts,
        long raisedAtMs,
        long updatedAtMs) {

    public Alert {
        signals = List.copyOf(signals);
        accounts = List.copyOf(accounts);
        linkReasons = List.copyOf(linkReasons);
        samplePromptHashes = List.copyOf(samplePromptHashes);
        samplePrompts = List.copyOf(samplePrompts);
    }

    /** Names of the contributing signals, largest first. */
    public List<String> signalNames() {
        return signals.stream().map(s -> s.reading().signal()).toList();
    }
}
