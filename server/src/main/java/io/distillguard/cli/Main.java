package io.distillguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code distillguard} command line: one subcommand per job. */
@Command(name = "distillguard", mixinStandardHelpOptions = true, version = "DistillGuard 0.1.0",
        description = "Gateway that stops bulk extraction and distillation of a model through its own API.",
        subcommands = {ServeCommand.class, io.distillguard.sim.SimulateCommand.class, io.distillguard.sim.EvaluateCommand.class, DemoCommand.class, ModelSimCommand.class, ExportCommand.class, ReplayCommand.class, PolicyCommand.class,
                io.distillguard.evidence.ForensicsCommand.class,
                io.distillguard.evidence.DistillationExperimentCommand.class,
                io.distillguard.evidence.report.ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered (tests execute it in process). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
