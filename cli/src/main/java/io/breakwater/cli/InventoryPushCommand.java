package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import io.breakwater.core.read.DocumentReader;
import io.breakwater.core.read.K8sDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code breakwater inventory push}: a full sync through the adapter ingest API (docs/adapter-protocol.md), for
 * clusters without an adapter (air-gapped) and for tests. Registers the cluster first when the server lacks it.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {
            "Replaces a cluster's inventory on the server with the Kubernetes objects read from YAML/JSON "
                + "(e.g. `kubectl get ns,pods,svc,nodes,netpol -A -o yaml`): a full sync, as the cluster's adapter "
                + "would send. Registers the cluster when the server does not know it yet.",
            "Objects without metadata.uid (hand-written YAML) get a stable uid derived from cluster, kind, "
                + "namespace and name, so repeated pushes keep the same uids.",
            "An empty source (a file without objects, a directory without *.yaml/*.yml/*.json) is refused: it would "
                + "wipe the cluster's inventory. --allow-empty says that is meant."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:pushed",
            "2:bad usage, unreadable or empty input, or the server refused the objects",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403); pushing needs enterprise_admin"
        })
final class InventoryPushCommand implements Callable<Integer> {

    private static final String CONTROL_PLANES =
            "/policy/api/v1/infra/sites/default/enforcement-points/default/cluster-control-planes/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    InventoryCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "Cluster name on the server (1-63 letters, digits, '.', '_' or '-')")
    String cluster;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", required = true,
            description = "Kubernetes objects: YAML/JSON file, directory, or - for stdin. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--resource-version", paramLabel = "V",
            description = "Resource version of the sync (default: push-<current time in ms>)")
    String resourceVersion;

    @Option(names = "--allow-empty",
            description = "Allow sources without objects: replaces the cluster's inventory with nothing")
    boolean allowEmpty;

    @Override
    public Integer call() {
        Result<List<K8sDocument>> docs = read();
        if (docs.hasErrors()) {
            throw Abort.invalidInput(docs.errors());
        }
        var out = spec.commandLine().getOut();
        docs.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        boolean registered = connection.find(CONTROL_PLANES + cluster).isEmpty();
        if (registered) {
            connection.put(CONTROL_PLANES + cluster, JSON.createObjectNode().put("display_name", cluster));
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("resource_version", resourceVersion != null ? resourceVersion : "push-" + System.currentTimeMillis());
        if (allowEmpty) {
            body.put("allow_empty", true);
        }
        var objects = body.putArray("objects");
        Map<String, Integer> kinds = new TreeMap<>();
        for (K8sDocument doc : docs.value()) {
            if (doc.node() instanceof ObjectNode object) {
                objects.add(withUid(object));
                kinds.merge(object.path("kind").asText("?"), 1, Integer::sum);
            }
        }
        JsonNode reply = connection.put("/api/v1/breakwater/clusters/" + cluster + "/inventory", body);
        reply.path("warnings").forEach(w -> spec.commandLine().getErr().println("warning: " + w.asText()));
        var counts = new ArrayList<String>();
        kinds.forEach((kind, n) -> counts.add(n + " " + kind));
        out.println((registered ? "registered cluster " + cluster + "; " : "") + "pushed " + objects.size()
                + " objects to cluster " + cluster + " (" + String.join(", ", counts) + "); server accepted "
                + reply.path("accepted").asInt());
        out.flush();
        return ExitCodes.OK;
    }

    /** Every source's objects; a source without any is an error unless --allow-empty. */
    private Result<List<K8sDocument>> read() {
        var docs = new ArrayList<K8sDocument>();
        var problems = new ArrayList<Problem>();
        for (String path : paths) {
            Result<List<K8sDocument>> r = DocumentReader.readPath(path, parent.main.stdin());
            docs.addAll(r.value());
            problems.addAll(r.problems());
            if (r.value().isEmpty() && !r.hasErrors() && !allowEmpty) {
                problems.add(Problem.error(ObjectRef.source(path.equals("-") ? "<stdin>" : path), FieldPath.ROOT,
                        Code.UNREADABLE_SOURCE, "holds no Kubernetes objects; pushing it would empty the cluster's "
                                + "inventory (--allow-empty if that is meant)"));
            }
        }
        return new Result<>(docs, problems);
    }

    /** The object, with a uid derived from cluster, kind, namespace and name when it has none. */
    private ObjectNode withUid(ObjectNode object) {
        JsonNode meta = object.path("metadata");
        if (!meta.isObject() || !meta.path("uid").asText("").isEmpty()) {
            return object;
        }
        ObjectNode copy = object.deepCopy();
        String key = cluster + "/" + object.path("kind").asText() + "/" + meta.path("namespace").asText("") + "/"
                + meta.path("name").asText();
        ((ObjectNode) copy.get("metadata")).put("uid",
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        return copy;
    }
}
