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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code breakwater convert}: NetworkPolicies to a target's objects (NSX DFW policies and Antrea groups). */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
            "Converts NetworkPolicies to a target's objects, as the target's import would.",
            "nsx: one allow policy (when the policy has rules) and one drop policy per NetworkPolicy, with Antrea "
                + "groups, names and placement as NSX 4.2's import (see docs/targets.md#nsx).",
            "antrea: Tiers, ClusterGroups and ClusterNetworkPolicies (an allow policy and an isolation policy per "
                + "NetworkPolicy).",
            "nsx-antrea: the nsx result as the adapter realizes it in Antrea. Pipe -o yaml into kubectl apply -f -.",
            "contrail: CN2 tags, address groups, firewall rules and policies, and the application policy set "
                + "(seed 002, docs/targets.md#contrail); json or yaml."
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
            description = "Target to convert to: nsx, antrea, nsx-antrea, contrail.")
    String target;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Cluster name as registered in NSX (its cluster-control-plane id); names use its first "
                    + "12 bytes, tags the full name. Required for nsx; nsx-antrea defaults to 'cluster'.")
    String cluster;

    @Option(names = "--target-option", paramLabel = "KEY=VALUE",
            description = "A setting of target antrea (tier, tier-priority, expand-except), nsx-antrea (cluster) or contrail (except-form, all-namespaces); see docs/cli.md. Repeatable.")
    Map<String, String> targetOptions = new LinkedHashMap<>();

    @Option(names = "--policies", paramLabel = "PATH", required = true,
            description = "NetworkPolicies (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "PATH",
            description = "Namespaces and pods; nsx: warns when a skipped and a converted policy share pods; "
                    + "contrail: checks tag clashes and resolves namespace selectors. Repeatable.")
    List<String> inventory = new ArrayList<>();

    @Mixin
    ImportModeOptions mode;

    @Option(names = {"-o", "--output"}, paramLabel = "json|yaml|hierarchical", defaultValue = "json",
            description = "json (default): {groups, security_policies, errors, request_count, success_count}; "
                    + "yaml: the same; hierarchical: a body for PATCH /policy/api/v1/infra. "
                    + "antrea, nsx-antrea: json = a v1 List, yaml = one document per object, in apply order. contrail: json or yaml "
                    + "{tags, addressGroups, firewallRules, firewallPolicies, applicationPolicySets}.")
    Format format;

    @Override
    public Integer call() throws JsonProcessingException {
        if (AntreaTarget.handles(target)) {
            return convertToAntrea();
        }
        if (ContrailTarget.NAME.equals(target)) {
            return ContrailTarget.convertCommand(this);
        }
        if (!DfwEvaluator.TARGET.equals(target)) {
            throw new ParameterException(spec.commandLine(), "--target: convert supports nsx, antrea, nsx-antrea, contrail, not '" + target + "'");
        }
        if (cluster == null) {
            throw new ParameterException(spec.commandLine(), "--cluster is required for target nsx");
        }
        if (!targetOptions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--target-option: convert --target nsx takes none");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        K8sInput input = read(err);

        NsxConversion c = NsxConverter.convert(input.policies(), input.inventory(), options(cluster));

        c.errors().forEach(e -> err.println("error: " + e.problem()));
        c.warnings().forEach(w -> err.println("warning: " + w.problem()));
        out.println(render(c));
        return c.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }

    private int convertToAntrea() {
        if (format == Format.hierarchical) {
            throw new ParameterException(spec.commandLine(), "-o hierarchical is for target nsx; " + target + " prints json or yaml");
        }
        Target chosen = Targets.find(target).orElseThrow();
        for (String key : targetOptions.keySet()) {
            if (!chosen.optionKeys().contains(key)) {
                throw new ParameterException(spec.commandLine(), "--target-option: target " + target + " has no option '"
                        + key + "' (known: " + String.join(", ", new TreeSet<>(chosen.optionKeys())) + ")");
            }
        }
        if (cluster != null) {
            targetOptions.putIfAbsent(AntreaTarget.CLUSTER, cluster);
        }
        var convert = new AntreaConvert(target, Map.copyOf(targetOptions),
                options(targetOptions.getOrDefault(AntreaTarget.CLUSTER, NsxTarget.DEFAULT_CLUSTER)), mode.onError);
        PrintWriter err = spec.commandLine().getErr();
        return convert.run(read(err), format == Format.yaml, spec.commandLine().getOut(), err);
    }

    private K8sInput read(PrintWriter err) {
        Result<K8sInput> read = InputOptions.read(inventory, policies, main.stdin(), spec.commandLine());
        if (read.hasErrors()) {
            throw Abort.invalidInput(read.errors());
        }
        read.warnings().forEach(w -> err.println("warning: " + w));
        return read.value();
    }

    private NsxOptions options(String clusterName) {
        NsxOptions options = NsxOptions.of(clusterName).withOnError(mode.onError);
        return mode.placement().map(options::withPlacement).orElse(options);
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
