package io.distillguard.sim.behaviour;

import java.util.SplittableRandom;

/**
 * What a population sends. Called on the runner thread in planned (event-time) order, with a random source derived
 * from the scenario seed and the request's position, so the same seed gives the same requests however the gateway
 * answers. A behaviour may keep per-account state (a chat's conversation so far).
 */
public interface Behaviour {
    SimRequest next(Turn turn, SplittableRandom rnd);
}
