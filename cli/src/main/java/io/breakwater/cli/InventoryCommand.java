package io.breakwater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code breakwater inventory}: groups the inventory subcommands ({@code push}). */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Send a cluster's inventory to a Breakwater server (see `breakwater inventory push --help`).",
        subcommands = {CommandLine.HelpCommand.class, InventoryPushCommand.class})
final class InventoryCommand implements Runnable {

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
