package io.distillguard.evidence;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code distillguard forensics}: evidence tools; {@code forensics test} tests texts for the watermark. */
@Command(name = "forensics", mixinStandardHelpOptions = true, subcommands = ForensicsTestCommand.class,
        description = "Watermark forensics on texts from a suspect model.")
public final class ForensicsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("usage: forensics test --texts FILE --key-file FILE [--keys entity,...]");
        return 2;
    }
}
