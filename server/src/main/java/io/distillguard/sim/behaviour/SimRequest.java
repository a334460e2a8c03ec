package io.distillguard.sim.behaviour;

import io.vertx.core.json.JsonObject;

/**
 * One request a simulated account sends: the API path under {@code /v1}, the JSON body, and the output tokens it
 * plans to obtain (what a campaign wants; the report compares it with what it got).
 */
public record SimRequest(String path, JsonObject body, int plannedOutputTokens) {
}
