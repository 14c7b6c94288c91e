package io.breakwater.cli;

import io.breakwater.core.diff.PolicyDiff;
import io.breakwater.core.diff.PolicySet;
import io.breakwater.core.k8s.Inventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code breakwater diff}: which objects and which flows differ between two policy sets, offline; or, with
 * {@code --server}, between two revisions of the server's DFW configuration on each cluster.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Which objects and which flows two policy sets on one inventory differ in.",
        customSynopsis = {
            "breakwater diff --before PATH... --after PATH... --inventory PATH... [--target T|BEFORE:AFTER]",
            "                [--cluster NAME] [-o text|json|md]",
            "breakwater diff --server [URL] [--from REV] --to REV [--cluster NAME] [-o text|json|md]",
            "                [--user U] [--password P | --token T] [--insecure | --trust-data-dir DIR]"
        },
        description = {
            "Compares the policies of --before with those of --after on the pods of --inventory: the objects",
            "added, removed and changed, and every flow (pod class or address range, to pod class or address",
            "range, protocol, port range) whose verdict changes, with the deciding rule before and after.",
            "Exact over TCP, UDP and SCTP ports 1-65535 and over every address, not sampled.",
            "A side holds NetworkPolicies and/or a DFW configuration (Groups and SecurityPolicies as",
            "'get -o yaml|json' prints them, or 'convert --target nsx -o json' output).",
            "",
            "With --server: the same between two revisions of the server's DFW configuration ('breakwater",
            "revisions' lists them), on every registered cluster's current inventory (or --cluster's): revision",
            "--from (default: the one before --to, i.e. the change --to made) against revision --to.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no flow changes",
            "1:some flows change (with --server: on some cluster, or a cluster's diff could not be computed)",
            "2:bad usage or invalid input (with --server: also an unknown or pruned revision)",
            "4:the server cannot be reached (--server)",
            "5:the server refused the credentials (401) or the role (403) (--server)"
        })
final class DiffCommand implements Callable<Integer> {

    enum Format { text, json, md }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--before", paramLabel = "PATH",
            description = "The policies before (YAML/JSON file, directory, or - for stdin). Repeatable.")
    List<String> before = new ArrayList<>();

    @Option(names = "--after", paramLabel = "PATH",
            description = "The policies after. Repeatable.")
    List<String> after = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "PATH",
            description = "Namespaces and pods both sides apply to. Repeatable.")
    List<String> inventory = new ArrayList<>();

    @Mixin
    ServerConnection connection;

    @Option(names = "--from", paramLabel = "REV",
            description = "With --server: the revision to compare from (default: the one before --to).")
    Long from;

    @Option(names = "--to", paramLabel = "REV",
            description = "With --server: the revision to compare to (required with --server).")
    Long to;

    @Option(names = "--target", paramLabel = "T|BEFORE:AFTER", defaultValue = "k8s",
            description = {"How NetworkPolicies of a side are decided: k8s (as Kubernetes does) or nsx (imported",
                "to NSX DFW as seed 000 with CONTINUE; skipped ones stay NetworkPolicies). One target for both",
                "sides, or one per side: k8s:nsx is the diff of an import (default: ${DEFAULT-VALUE})."})
    String target;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = NsxTarget.DEFAULT_CLUSTER,
            description = {"Cluster name the nsx import names its objects after (default: ${DEFAULT-VALUE}).",
                "With --server: only this cluster's flows (default: every cluster with an inventory)."})
    String cluster;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|md", defaultValue = "text",
            description = "text (default), json (one line) or md (Markdown tables for a review).")
    Format format;

    @Override
    public Integer call() {
        if (given("--server")) {
            return new ServerDiff(this).call();
        }
        checkOffline();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String[] targets = targets();
        checkStdin();
        Inventory pods = DiffSides.inventory(inventory, main.stdin());
        PolicySet b = DiffSides.read(before, main.stdin(), pods, targets[0], cluster, err);
        PolicySet a = DiffSides.read(after, main.stdin(), pods, targets[1], cluster, err);

        PolicyDiff diff = PolicyDiff.of(pods, b, a);

        out.println(switch (format) {
            case text -> DiffOutput.text(diff);
            case json -> DiffOutput.json(diff);
            case md -> DiffOutput.markdown(diff);
        });
        var c = diff.connectivity();
        err.println(c.changes().size() + " flow changes; compared " + c.podClasses() + " pod classes, "
                + c.addressRanges() + " address ranges, " + c.portRanges() + " port ranges");
        return c.isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void checkOffline() {
        if (from != null || to != null) {
            throw usage("--from and --to compare revisions on the server: add --server [URL]");
        }
        var missing = new ArrayList<String>();
        for (var e : List.of(java.util.Map.entry("--before", before), java.util.Map.entry("--after", after),
                java.util.Map.entry("--inventory", inventory))) {
            if (e.getValue().isEmpty()) {
                missing.add(e.getKey() + " PATH");
            }
        }
        if (!missing.isEmpty()) {
            throw usage("missing " + String.join(", ", missing)
                    + " (or --server --to REV for the diff of two revisions on the server)");
        }
    }

    private String[] targets() {
        String[] parts = target.split(":", -1);
        if (parts.length > 2 || !List.of(DiffSides.K8S, DiffSides.NSX).containsAll(List.of(parts))) {
            throw new ParameterException(spec.commandLine(), "--target: '" + target
                    + "' is not k8s, nsx or BEFORE:AFTER of them (e.g. k8s:nsx for an import)");
        }
        return parts.length == 1 ? new String[] {parts[0], parts[0]} : parts;
    }

    private void checkStdin() {
        long dashes = java.util.stream.Stream.of(before, after, inventory).flatMap(List::stream)
                .filter(InputOptions.STDIN::equals).count();
        if (dashes > 1) {
            throw new ParameterException(spec.commandLine(), "'-' (standard input) may be given only once");
        }
    }
}
