package io.distillguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code distillguard policy}: offline work on policy files (the running policy is managed over the admin API). */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy files offline.",
        subcommands = {PolicyBacktestCommand.class, CommandLine.HelpCommand.class})
final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
