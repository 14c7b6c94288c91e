package io.breakwater.cli;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Protocol;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater explain}: the verdict for one flow and, per direction, the policies and rules behind it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Why one flow is allowed or blocked, direction by direction.",
        description = {
            "Decides one flow and says why: for egress at the source and ingress at the",
            "destination, which policies select the pod and which rules allowed the flow."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the verdict was printed (allowed or blocked)",
            "2:bad usage or invalid input",
            "3:the target rejected the input"
        })
final class ExplainCommand implements Callable<Integer> {

    enum Format { text, json }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    TargetOptions target;

    @Option(names = "--from", paramLabel = "NS/POD|IP", required = true,
            description = "Source: a pod (namespace/name) or an IP address (a pod's IP means that pod).")
    String from;

    @Option(names = "--to", paramLabel = "NS/POD|IP", required = true,
            description = "Destination: a pod (namespace/name) or an IP address.")
    String to;

    @Option(names = "--protocol", paramLabel = "TCP|UDP|SCTP", defaultValue = "TCP",
            description = "Protocol (default: ${DEFAULT-VALUE}).")
    Protocol protocol;

    @Option(names = "--port", paramLabel = "N|NAME", required = true,
            description = "Destination port: a number 1-65535, or a container port name resolved on the destination pod.")
    String port;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PortRef portRef = portRef();
        Evaluator evaluator = target.evaluator(input.load(main.stdin(), err), err);
        Flow flow = new Flow(endpoint("--from", from, evaluator), endpoint("--to", to, evaluator), protocol, portRef);

        Verdict verdict = evaluator.evaluate(flow);

        out.println(switch (format) {
            case text -> ExplainOutput.text(verdict);
            case json -> ExplainOutput.json(verdict);
        });
        return ExitCodes.OK;
    }

    private PortRef portRef() {
        PortRef ref = PortRef.parse(port);
        boolean badNumber = switch (ref) {
            case PortRef.Number(int n) -> n < 1 || n > PortNumber.MAX;
            case PortRef.Name(String name) -> name.isEmpty() || name.chars().allMatch(Character::isDigit);
        };
        if (badNumber) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': port must be between 1 and 65535 or a port name, found '" + port + "'");
        }
        return ref;
    }

    private Endpoint endpoint(String option, String text, Evaluator evaluator) {
        try {
            return EndpointArg.resolve(option, text, evaluator.pods());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
