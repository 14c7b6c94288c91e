package io.breakwater.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code breakwater} command line. Each subcommand is its own class; this only wires them and the
 * error handling: every failure ends as one line on stderr and an exit code from {@link ExitCodes}.
 *
 * <pre>{@code
 * int exit = Main.run(System.in, System.out, System.err, "matrix", "--inventory", "c.yaml", "--policies", "p.yaml", "--port", "80");
 * }</pre>
 */
@Command(name = "breakwater", mixinStandardHelpOptions = true, version = "breakwater 0.1.0",
        description = "Central network-security control plane for Kubernetes NetworkPolicies.")
public final class Main implements Runnable {

    /** In the order {@code --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            MatrixCommand.class,
            ExplainCommand.class,
            ValidateCommand.class,
            ConvertCommand.class,
            VerifyCommand.class,
            DiffCommand.class,
            AdapterCommand.class,
            ServerCommand.class,
            GetCommand.class,
            ImportCommand.class,
            ApplyCommand.class,
            InventoryCommand.class,
            TraceflowCommand.class,
            SupportBundleCommand.class,
            RevisionsCommand.class,
            RollbackCommand.class,
            DemoCommand.class);

    @CommandLine.Spec
    CommandSpec spec;

    private final InputStream stdin;

    Main(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        // Netty (the demo's in-process Kubernetes API) would call sun.misc.Unsafe, for which JDK 24+ prints a
        // four-line warning; the demo does not need its speed.
        if (System.getProperty("io.netty.noUnsafe") == null) {
            System.setProperty("io.netty.noUnsafe", "true");
        }
        System.exit(run(System.in, System.out, System.err, args));
    }

    public static int run(String... args) {
        return run(System.in, System.out, System.err, args);
    }

    /** Runs one command line against the given streams and returns the exit code; never throws. */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        var outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        var errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cl = null;
        try {
            cl = commandLine(in, outWriter, errWriter, args);
            return cl.execute(args);
        } catch (Throwable unexpected) { // the last guard: no stack trace ever reaches the user
            errWriter.println(Failures.oneLine("breakwater", unexpected));
            return ExitCodes.BAD_INPUT;
        } finally {
            outWriter.flush();
            errWriter.flush();
            closeConnections(cl);
        }
    }

    /**
     * Closes the HTTP clients of the command that ran. Besides freeing their threads, this keeps exit quick: the
     * JVM waits up to 300 ms at exit for threads blocked in native code, such as an open client's selector.
     */
    private static void closeConnections(CommandLine cl) {
        if (cl == null || cl.getParseResult() == null) {
            return;
        }
        for (CommandLine ran : cl.getParseResult().asCommandLineList()) {
            for (CommandSpec mixin : ran.getCommandSpec().mixins().values()) {
                if (mixin.userObject() instanceof ServerConnection connection) {
                    connection.close();
                }
            }
        }
    }

    static CommandLine commandLine(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        var cl = new CommandLine(new Main(in));
        String wanted = requestedSubcommand(args);
        for (Class<?> type : SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(wanted) || type == CommandLine.HelpCommand.class) {
                cl.addSubcommand(command.name(), type);
            } else {
                cl.addSubcommand(command.name(), summaryOnly(command));
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Failures::onBadUsage);
        cl.setExecutionExceptionHandler(Failures::onFailure);
        return cl;
    }

    /**
     * The subcommand the arguments run ({@code help X} shows X's), or null for the top-level usage. Only that one
     * is built in full: picocli's reflection over every command's options and the server, adapter and demo
     * classes it pulls in cost half a second per start (docs/performance.md).
     */
    private static String requestedSubcommand(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            return null;
        }
        return args[0].equals("help") && args.length > 1 ? args[1] : args[0];
    }

    /** A subcommand as the top-level usage lists it: name and description, read from its annotation alone. */
    private static CommandSpec summaryOnly(Command command) {
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().header(command.header()).description(command.description());
        return spec;
    }

    /** Standard input, for paths given as {@code -}. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
