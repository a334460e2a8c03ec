package io.distillguard.demo;

import io.vertx.core.Vertx;
import java.time.Clock;

/** A simulator listening on a loopback port with its own Vert.x instance, for tests. */
final class RunningSimulator implements AutoCloseable {

    final Vertx vertx;
    final ModelSimulator simulator;
    final int port;

    RunningSimulator(SimulatorConfig config) {
        this.vertx = Vertx.vertx();
        this.simulator = new ModelSimulator(SharedEngine.with(config), Clock.systemUTC());
        this.port = simulator.start(vertx, "127.0.0.1", 0).await();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Override
    public void close() {
        simulator.close().await();
        vertx.close().await();
    }
}
