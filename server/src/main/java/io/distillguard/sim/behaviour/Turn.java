package io.distillguard.sim.behaviour;

import io.distillguard.sim.source.PromptPool;

/**
 * Where one request sits in its population's plan: virtual time, the account (index in the population), the request's
 * number in the population and in its account, the output tokens the arrival trace gave it (-1: none), the scenario
 * window, and the prompts to draw from ({@code mix} may be null).
 */
public record Turn(long atMs, int account, long seq, long accountSeq, int traceOutputTokens, long scenarioStartMs,
        PromptPool prompts, PromptPool mix) {
}
