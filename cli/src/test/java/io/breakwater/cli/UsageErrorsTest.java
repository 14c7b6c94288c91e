package io.breakwater.cli;

import static io.breakwater.cli.CliRun.acceptance;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Whatever goes wrong on the command line: one clear line on stderr, exit 2, never a stack trace. */
class UsageErrorsTest {

    private static final String CLUSTER = acceptance("E01", "cluster.yaml");
    private static final String POLICIES = acceptance("E01", "policies.yaml");

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("unknown flag", "Unknown option: '--bogus'",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "--bogus"}),
                Arguments.of("missing --port", "Missing required option: '--port=N'",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES}),
                Arguments.of("port zero", "port must be between 1 and 65535, found 0",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "0"}),
                Arguments.of("port not a number", "'http' is not a port number",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "http"}),
                Arguments.of("explain port too big", "port must be between 1 and 65535 or a port name, found '70000'",
                        new String[] {"explain", "--inventory", CLUSTER, "--policies", POLICIES,
                            "--from", "x/a", "--to", "x/b", "--port", "70000"}),
                Arguments.of("bad protocol", "Invalid value for option '--protocol'",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "--protocol", "ICMP"}),
                Arguments.of("bad output format", "Invalid value for option '--output'",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "-o", "xml"}),
                Arguments.of("unknown target", "unknown target 'bogus' (known: k8s",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "--target", "bogus"}),
                Arguments.of("option the target does not know", "target k8s has no option 'extended'",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80",
                            "--target-option", "extended=true"}),
                Arguments.of("missing file", "missing.yaml: no such file or directory",
                        new String[] {"matrix", "--inventory", "missing.yaml", "--policies", POLICIES, "--port", "80"}),
                Arguments.of("stdin twice", "'-' (standard input) may be given only once",
                        new String[] {"matrix", "--inventory", "-", "--policies", "-", "--port", "80"}),
                Arguments.of("cluster for a target without clusters", "--cluster: target k8s takes no cluster name",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "--cluster", "c1"}),
                Arguments.of("mistyped option", "Unknown options: '--protocl', 'UDP'; did you mean --protocol?",
                        new String[] {"matrix", "--inventory", CLUSTER, "--policies", POLICIES, "--port", "80", "--protocl", "UDP"}),
                Arguments.of("unknown command", "unknown command 'frobnicate' (commands: help, matrix, explain, validate, convert, verify",
                        new String[] {"frobnicate"}),
                Arguments.of("server URL without scheme", "Invalid value for option '--server': 'localhost:8443' is not an "
                        + "http:// or https:// URL with a host", new String[] {"get", "clusters", "--server", "localhost:8443"}),
                Arguments.of("adapter server URL without scheme", "Invalid value for option '--server' (URL): 'bw:8443' is not an",
                        new String[] {"adapter", "--server", "bw:8443", "--cluster", "c", "--credential", CLUSTER}),
                Arguments.of("adapter credential not a token", "breakwater adapter: --credential " + CLUSTER
                        + ": not a credential (expected one line of printable characters",
                        new String[] {"adapter", "--server", "https://localhost:1", "--cluster", "c", "--credential", CLUSTER}),
                Arguments.of("apply file missing", "missing.yaml: no such file or directory",
                        new String[] {"apply", "-f", "missing.yaml", "--server", "https://localhost:1"}),
                Arguments.of("apply object that is no group or policy", CLUSTER + "#0: object without id: needs a path under",
                        new String[] {"apply", "-f", CLUSTER, "--server", "https://localhost:1"}),
                Arguments.of("server port negative", "port must be 0 (any free port) or between 1 and 65535, found -1",
                        new String[] {"server", "--port", "-1"}),
                Arguments.of("demo port too big", "port must be 0 (any free port) or between 1 and 65535, found 70000",
                        new String[] {"demo", "--port", "70000"}),
                Arguments.of("demo sample missing", "breakwater demo: --sample missing.yaml: no such file",
                        new String[] {"demo", "--port", "0", "--sample", "missing.yaml"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void badCommandLineIsOneLineAndExitTwo(String name, String message, String[] args) {
        var run = CliRun.of(args);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement().asString().contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\u0000\u0001\u00ff garbage", "[1, 2, 3]", "kind: NetworkPolicy\nspec: 7", "a: [[[[[[[[[["})
    void garbageOnStdinIsReportedWithoutAStackTrace(String stdin) {
        var run = CliRun.withStdin(stdin, "matrix", "--inventory", CLUSTER, "--policies", "-", "--port", "80");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isNotBlank().doesNotContain("\tat ").doesNotContain("Exception");
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"matrix", "explain", "validate"})
    void everyCoreCommandHasHelpWithExitCodes(String command) {
        var run = CliRun.of(command, "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: breakwater " + command).contains("Exit codes:");
    }

    @org.junit.jupiter.api.Test
    void topLevelHelpListsEachCommandWithItsOneLineHeader() {
        var run = CliRun.of("--help");

        assertThat(run.out()).containsPattern("(?m)^  matrix +Pod-to-pod reachability for one protocol and port\\.$")
                .containsPattern("(?m)^  server +Run the management server");
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("registeredCommands")
    void everyRegisteredCommandHasHelp(String command) {
        var run = CliRun.of((command + " --help").split(" "));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Usage: breakwater " + command);
        assertThat(run.err()).isEmpty();
    }

    /**
     * Every subcommand Main registers, nested ones as "parent child", except picocli's own help command. Main
     * builds only the requested subcommand in full, so each one's nested commands come from its own build.
     */
    static Stream<String> registeredCommands() {
        var none = new PrintWriter(Writer.nullWriter());
        return Main.commandLine(InputStream.nullInputStream(), none, none).getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .flatMap(name -> {
                    CommandLine full = Main.commandLine(InputStream.nullInputStream(), none, none, name)
                            .getSubcommands().get(name);
                    return Stream.concat(Stream.of(name), commandsBelow(full, name + " "));
                });
    }

    private static Stream<String> commandsBelow(CommandLine parent, String prefix) {
        return parent.getSubcommands().entrySet().stream()
                .filter(e -> !(e.getValue().getCommand() instanceof CommandLine.HelpCommand))
                .flatMap(e -> Stream.concat(Stream.of(prefix + e.getKey()),
                        commandsBelow(e.getValue(), prefix + e.getKey() + " ")));
    }
}
