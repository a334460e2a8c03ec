package io.distillguard.backtest;

import java.time.Instant;
import java.util.List;

/**
 * What a candidate policy would have done to one entity over the replayed window: its first decision, how many
 * decisions it drew, and what refusing decisions would have cost it.
 *
 * @param entityId           entity the decisions concern (an account-scoped decision counts for the account's entity)
 * @param accounts           accounts of the entity at the end of the replay
 * @param firstDecisionAt    event time of the entity's first decision
 * @param firstRule          rule of that decision
 * @param firstAction        its action ({@code tag}, {@code block}, ...)
 * @param firstMode          {@code enforce} or {@code shadow}
 * @param decisions          distinct decisions (refreshes not counted)
 * @param requestsRefused    later events an enforce block / require_verification would have refused
 * @param tokensWithheld     output tokens of those events: recorded ones where the live run served them, estimated
 *                           ones where it had refused them already ({@link WithheldTokenEstimator})
 * @param refusedLive        of the refused events, those the live run had refused too (they recorded no output)
 * @param tokensEstimated    the part of {@code tokensWithheld} that is estimated for those
 * @param unestimated        refused-live events without history or max_tokens to estimate from (counted as 0)
 */
public record EntityOutcome(String entityId, List<String> accounts, Instant firstDecisionAt, String firstRule,
        String firstAction, String firstMode, int decisions, long requestsRefused, long tokensWithheld,
        long refusedLive, long tokensEstimated, long unestimated) {

    public EntityOutcome {
        accounts = List.copyOf(accounts);
    }
}
