package io.breakwater.cli;

import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.AntreaYaml;
import io.breakwater.core.antrea.DirectConverter;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.breakwater.core.problem.Result;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code convert --target antrea|nsx-antrea}: the Tiers, ClusterGroups and ClusterNetworkPolicies in apply order,
 * as multi-document YAML or a JSON {@code v1} List — both go straight into {@code kubectl apply -f -}. With ABORT
 * any error prints nothing on stdout; with CONTINUE the objects of the policies that converted are printed.
 */
record AntreaConvert(String target, Map<String, String> options, NsxOptions nsx, OnError onError) {

    /** The exit code; problems go to {@code err}, the objects to {@code out}. */
    int run(K8sInput input, boolean yaml, PrintWriter out, PrintWriter err) {
        Result<AntreaPolicySet> set = DirectConverter.TARGET.equals(target) ? AntreaTarget.direct(input, options)
                : AntreaTarget.throughNsx(input, nsx.withOnError(onError));
        set.errors().forEach(e -> err.println("error: " + e));
        set.warnings().forEach(w -> err.println("warning: " + w));
        if (set.hasErrors() && onError == OnError.ABORT) {
            return ExitCodes.REJECTED;
        }
        var objects = set.value().objects();
        out.print(yaml ? AntreaYaml.write(objects) : AntreaYaml.writeJsonList(objects) + System.lineSeparator());
        return set.hasErrors() ? ExitCodes.REJECTED : ExitCodes.OK;
    }
}
