package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater matrix}: which pod reaches which, for one protocol and port, under one target. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        header = "Pod-to-pod reachability for one protocol and port.",
        description = {
            "Prints pod-to-pod reachability for one protocol and port.",
            "Rows are sources, columns destinations, pods sorted by namespace then name;",
            "'.' allowed, 'X' blocked, '-' the pod itself."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the matrix was printed",
            "2:bad usage or invalid input",
            "3:the target rejected the input"
        })
final class MatrixCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    TargetOptions target;

    @Option(names = "--protocol", paramLabel = "TCP|UDP|SCTP", defaultValue = "TCP",
            description = "Protocol of the probe (default: ${DEFAULT-VALUE}).")
    Protocol protocol;

    @Option(names = "--port", paramLabel = "N", required = true, converter = PortNumber.class,
            description = "Destination port, 1-65535.")
    int port;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json", defaultValue = "table",
            description = "table (default) or json: {\"target\",\"protocol\",\"port\",\"pods\",\"matrix\"} on one line.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Evaluator evaluator = target.evaluator(input.load(main.stdin(), err), err);

        Matrix matrix = evaluator.matrix(protocol, PortRef.of(port));

        out.println(switch (format) {
            case table -> MatrixOutput.table(matrix);
            case json -> MatrixOutput.json(matrix);
        });
        return ExitCodes.OK;
    }
}
