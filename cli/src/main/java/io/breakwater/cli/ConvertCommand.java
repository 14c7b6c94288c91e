package io.breakwater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwEvaluator;
import io.breakwater.core.nsx.ImportError;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.Placement;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater convert}: NetworkPolicies to a target's objects (NSX DFW policies and Antrea groups). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Converts NetworkPolicies to a target's objects, as the target's import would.",
            "nsx: one allow policy (when the policy has rules) and one drop policy per NetworkPolicy, with "
                    + "Antrea groups, names and placement as NSX 4.2's import (see docs/targets.md#nsx)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every NetworkPolicy was converted",
            "2:bad usage or invalid input",
            "3:at least one NetworkPolicy was rejected (with ABORT nothing is converted)"
        })
final class ConvertCommand implements Callable<Integer> {

    enum Format { json, yaml, hierarchical }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "TARGET", required = true,
            description = "Target to convert to: nsx.")
    String target;

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "Cluster name as registered in NSX (its cluster-control-plane id); names use its "
                    + "first 12 bytes, tags the full name.")
    String cluster;

    @Option(names = "--policies", paramLabel = "PATH", required = true,
            description = "NetworkPolicies (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "PATH",
            description = "Namespaces and pods; used to warn when a skipped and a converted policy share pods. Repeatable.")
    List<String> inventory = new ArrayList<>();

    @Option(names = "--on-error", paramLabel = "ABORT|CONTINUE", defaultValue = "ABORT",
            description = "ABORT (default): the first rejected policy stops the import, nothing is converted. "
                    + "CONTINUE: rejected policies are skipped, the others converted.")
    OnError onError;

    @Option(names = "--sequence-number-upper", paramLabel = "N",
            description = "Sequence number of every allow policy (give both or neither). Default: 1 for "
                    + "allows and 2 for drops, i.e. after the existing Application policies, of which convert "
                    + "knows none.")
    Integer upper;

    @Option(names = "--sequence-number-lower", paramLabel = "N",
            description = "Sequence number of every drop policy; must be greater than the upper number.")
    Integer lower;

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|hierarchical", defaultValue = "json",
            description = "json (default): {groups, security_policies, errors, request_count, success_count}; "
                    + "yaml: the same; hierarchical: a body for PATCH /policy/api/v1/infra.")
    Format format;

    @Override
    public Integer call() throws JsonProcessingException {
        if (!DfwEvaluator.TARGET.equals(target)) {
            throw new ParameterException(spec.commandLine(), "--target: convert supports nsx, not '" + target + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Result<K8sInput> read = InputOptions.read(inventory, policies, main.stdin(), spec.commandLine());
        if (read.hasErrors()) {
            throw Abort.invalidInput(read.errors());
        }
        read.warnings().forEach(w -> err.println("warning: " + w));

        NsxConversion c = NsxConverter.convert(read.value().policies(), read.value().inventory(), options());

        c.errors().forEach(e -> err.println("error: " + e.problem()));
        c.warnings().forEach(w -> err.println("warning: " + w.problem()));
        out.println(render(c));
        return c.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    private NsxOptions options() {
        NsxOptions options = NsxOptions.of(cluster).withOnError(onError);
        if (upper == null && lower == null) {
            return options;
        }
        if (upper == null || lower == null || lower <= upper || upper < 0 || lower > Placement.MAX_SEQUENCE_NUMBER) {
            throw new ParameterException(spec.commandLine(), "--sequence-number-upper and --sequence-number-lower "
                    + "go together, with 0 <= upper < lower <= " + Placement.MAX_SEQUENCE_NUMBER);
        }
        return options.withPlacement(new Placement.Fixed(upper, lower));
    }

    private String render(NsxConversion c) throws JsonProcessingException {
        return switch (format) {
            case json -> JsonText.of(NsxDocuments.result(c));
            case yaml -> new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
                    .writeValueAsString(NsxDocuments.result(c)).stripTrailing();
            case hierarchical -> new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(NsxDocuments.hierarchical(c, cluster));
        };
    }
}
