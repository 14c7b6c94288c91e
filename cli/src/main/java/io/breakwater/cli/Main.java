package io.breakwater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code breakwater} command line. Each subcommand is its own class; this only wires them. */
@Command(name = "breakwater", mixinStandardHelpOptions = true, version = "breakwater 0.1.0",
        description = "Central network-security control plane for Kubernetes NetworkPolicies.",
        subcommands = {CommandLine.HelpCommand.class, AdapterCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
