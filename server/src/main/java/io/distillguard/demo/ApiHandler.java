package io.distillguard.demo;

import io.vertx.core.json.JsonObject;

/** One POST endpoint of the simulated API: reads the body, answers on the exchange (plain or streamed). */
interface ApiHandler {
    void handle(Exchange exchange, JsonObject body);
}
