package io.distillguard.sim.report;

/**
 * One population's outcome under one defence (report.json {@code populations[]}; docs/scenarios.md defines each
 * field). Times are seconds of virtual time; null where the event never happened.
 *
 * @param tokensPlanned          output tokens its requests asked for (max_tokens; answers fill it when served)
 * @param tokensObtained         output tokens it received in successful answers
 * @param timeToDetectS          from its first request to the first alert naming one of its accounts
 * @param tokensBeforeFirstAction tokens obtained before the first enforced decision stronger than a watermark
 *                               (degrade, throttle, verification, block) reached one of its accounts
 * @param tokensBeforeBlock      tokens obtained before the first verification requirement or block
 * @param entitiesFound          distinct gateway entities its accounts ended up in
 */
public record PopulationResult(String name, String label, String campaign, String behaviour, int accounts,
        long requests, long requestsServed, long requestsRefused, long tokensPlanned, long tokensObtained,
        double shareObtained, boolean detected, Double timeToDetectS, long tokensBeforeFirstAction,
        double shareBeforeFirstAction, long tokensBeforeBlock, int accountsAlerted, int accountsActioned,
        int accountsBlocked, int entitiesFound, double largestEntityShare) {
}
