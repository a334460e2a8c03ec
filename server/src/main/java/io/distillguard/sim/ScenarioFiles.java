package io.distillguard.sim;

import io.distillguard.sim.scenario.Scenario;
import io.distillguard.sim.scenario.ScenarioLoad;
import io.distillguard.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code simulate} and {@code evaluate}: where {@code ${shared}} points, and a seed override. */
final class ScenarioFiles {
    @Option(names = "--shared", description = "Directory ${shared} stands for in scenarios (default: the system "
            + "property distillguard.shared, else ../shared)")
    Path shared;

    @Option(names = "--seed", description = "Override the scenario's seed")
    Long seed;

    ScenarioLoad load(Path file) {
        Path dir = shared != null ? shared : Path.of(System.getProperty("distillguard.shared", "../shared"));
        ScenarioLoad load = ScenarioLoader.withShared(dir).load(file);
        if (load instanceof ScenarioLoad.Loaded l) {
            try {
                io.distillguard.sim.run.AsnDatabaseFile.check(l.scenario());
            } catch (IllegalArgumentException e) {
                return new ScenarioLoad.Invalid(file + ": " + e.getMessage());
            }
        }
        if (seed != null && load instanceof ScenarioLoad.Loaded l) {
            Scenario s = l.scenario().withSeed(seed);
            return new ScenarioLoad.Loaded(s);
        }
        return load;
    }
}
