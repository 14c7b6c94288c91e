package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code breakwater get RESOURCE}: lists what a Breakwater server holds, as kubectl lists a cluster's objects. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {
            "Lists clusters, their inventory (namespaces, pods, services, nodes, networkpolicies, ingresses) or the DFW groups "
                + "and policies of a Breakwater server.",
            "networkpolicies shows each NetworkPolicy's UID: what `breakwater import --ids` takes.",
            "acnp --cluster NAME shows the ClusterNetworkPolicies the cluster's adapter realized, as kubectl get acnp "
                + "prints them (from the status the adapter reports).",
            "stats [--cluster NAME] shows sessions, packets and bytes per DFW rule as Antrea counted them (summed "
                + "over clusters without --cluster; totals survive Antrea counter resets); with --realtime the "
                + "clusters' adapters read Antrea's counters first (waiting at most 10 s; else the cached figures, "
                + "and stderr says how old). unusedrules [--period-days N] "
                + "lists rules in force without a hit for N days (default 30): cleanup candidates.",
            "health --cluster NAME shows the Antrea Controller and Agents of the cluster: HEALTHY, DEGRADED (an agent "
                + "without heartbeat for 3 minutes, a condition not True, a component missing) or UNKNOWN (no "
                + "report from the adapter for a minute)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed",
            "2:bad usage, or the server refused the request",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class GetCommand implements Callable<Integer> {

    private static final String POLICY_BASE = "/policy/api/v1/infra/domains/default/";

    /** What {@code get} lists: the endpoint, and the table's header and rows. */
    enum Resource {
        clusters("/api/v1/breakwater/clusters", List.of("NAME", "SYNCED", "RESOURCE-VERSION", "LAST-SYNC",
                "DESIRED-VERSION", "ADAPTER"), (c, now) -> List.of(c.path("name").asText(),
                String.valueOf(c.path("synced").asBoolean()), ItemsOutput.text(c, "resource_version"),
                ago(c.path("last_sync_time").asLong(), now), c.path("desired_version").asText(),
                ItemsOutput.text(c.path("adapter"), "version"))),
        namespaces(GetCommand.inventory("namespaces"), List.of("CLUSTER", "NAME", "NETWORK-POLICIES", "LABELS"), (n, now) ->
                List.of(n.path("cluster").asText(), n.path("name").asText(), n.path("network_policy_count").asText(),
                        ItemsOutput.labels(n.path("labels")))),
        pods(GetCommand.inventory("pods"), List.of("CLUSTER", "NAMESPACE", "NAME", "IP", "NODE", "LABELS"), (p, now) ->
                List.of(p.path("cluster").asText(), p.path("namespace").asText(), p.path("name").asText(),
                        joined(p.path("ips")), ItemsOutput.text(p, "node"), ItemsOutput.labels(p.path("labels")))),
        services(GetCommand.inventory("services"), List.of("CLUSTER", "NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "SELECTOR"),
                (s, now) -> List.of(s.path("cluster").asText(), s.path("namespace").asText(), s.path("name").asText(),
                        s.path("type").asText(), ItemsOutput.text(s, "cluster_ip"), ItemsOutput.labels(s.path("selector")))),
        nodes(GetCommand.inventory("nodes"), List.of("CLUSTER", "NAME", "ADDRESSES"), (n, now) -> List.of(
                n.path("cluster").asText(), n.path("name").asText(), addresses(n.path("addresses")))),
        networkpolicies(GetCommand.inventory("networkpolicies"), List.of("CLUSTER", "NAMESPACE", "NAME", "POD-SELECTOR",
                "IMPORTED", "UID"), (p, now) -> List.of(p.path("cluster").asText(), p.path("namespace").asText(),
                p.path("name").asText(), selector(p.path("pod_selector")),
                String.valueOf(p.path("imported").asBoolean()), p.path("uid").asText())),
        ingresses(GetCommand.inventory("ingresses"), List.of("CLUSTER", "NAMESPACE", "NAME", "CLASS", "HOSTS",
                "ADDRESS", "PORTS"), (i, now) -> List.of(i.path("cluster").asText(), i.path("namespace").asText(),
                i.path("name").asText(), ItemsOutput.text(i, "ingress_class"), hosts(i.path("hosts")),
                joined(i.path("addresses")), i.path("tls").asBoolean() ? "80, 443" : "80")),
        groups(POLICY_BASE + "groups", List.of("ID", "CRITERIA", "REVISION", "MODIFIED-BY"), (g, now) -> List.of(
                g.path("id").asText(), String.valueOf(g.path("expression").size()), g.path("_revision").asText(),
                ItemsOutput.text(g, "_last_modified_user"))),
        policies(POLICY_BASE + "security-policies", List.of("ID", "CATEGORY", "SEQUENCE", "RULES", "REVISION",
                "MODIFIED-BY"), (p, now) -> List.of(p.path("id").asText(), ItemsOutput.text(p, "category"),
                p.path("sequence_number").asText(), String.valueOf(p.path("rules").size()),
                p.path("_revision").asText(), ItemsOutput.text(p, "_last_modified_user"))),
        /** The ACNPs realized in one cluster, from what its adapter reports ({@code GET …/clusters/{c}/status}). */
        acnp("/api/v1/breakwater/clusters/", AcnpTable.HEADER, AcnpTable::row),
        /** Hits per DFW rule, per cluster or summed ({@code GET /api/v1/breakwater/statistics/rules}). */
        stats("/api/v1/breakwater/statistics/rules", List.of("CLUSTER", "POLICY", "RULE", "SESSIONS", "PACKETS",
                "BYTES", "RESETS", "LAST-HIT"), (r, now) -> List.of(r.path("cluster").asText(),
                r.path("policy_id").asText(), r.path("rule_id").asText(), r.path("sessions").asText(),
                r.path("packets").asText(), r.path("bytes").asText(), r.path("counter_resets").asText(),
                ago(r.path("last_hit_time").asLong(), now))),
        /** Rules in force without hits over {@code --period-days} (cleanup candidates). */
        unusedrules("/api/v1/breakwater/statistics/unused-rules", List.of("POLICY", "RULE", "SESSIONS",
                "OBSERVED-SINCE", "LAST-HIT"), (r, now) -> List.of(r.path("policy_id").asText(),
                r.path("rule_id").asText(), r.path("sessions").asText(), ago(r.path("first_time").asLong(), now),
                ago(r.path("last_hit_time").asLong(), now))),
        /** Antrea Controller and Agent health of one cluster ({@code GET …/clusters/{c}/antrea-health}). */
        health("/api/v1/breakwater/clusters/", HealthTable.HEADER, (h, now) -> List.of());

        final String path;
        final List<String> header;
        final BiFunction<JsonNode, Instant, List<String>> row;

        Resource(String path, List<String> header, BiFunction<JsonNode, Instant, List<String>> row) {
            this.path = path;
            this.header = header;
            this.row = row;
        }

        boolean isInventory() {
            return path.startsWith("/api/v1/breakwater/inventory/");
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Parameters(index = "0", paramLabel = "RESOURCE",
            description = "clusters, namespaces, pods, services, nodes, networkpolicies, ingresses, groups, policies, "
                    + "acnp, health, stats or unusedrules")
    Resource resource;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID",
            description = "groups and policies: only the one with this id (e.g. to edit it: -o yaml, then apply)")
    String id;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace (inventory resources)")
    String namespace;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster (inventory resources); the cluster of acnp")
    String cluster;

    @Option(names = "--period-days", paramLabel = "N", defaultValue = "30",
            description = "unusedrules: rules without a hit for N days (default ${DEFAULT-VALUE})")
    int periodDays;

    @Option(names = "--realtime",
            description = "stats, unusedrules: ask the clusters' adapters to read Antrea's counters now (NSX "
                    + "source=realtime; waits at most 10 s, else shows the cached figures and says so on stderr)")
    boolean realtime;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json|yaml", defaultValue = "table",
            description = "table (default), json or yaml (the server's objects, as a list)")
    ItemsOutput.Format output;

    @Override
    public Integer call() {
        if (resource == Resource.acnp && (cluster == null || namespace != null)) {
            throw new ParameterException(spec.commandLine(), "acnp needs --cluster NAME and takes no -n "
                    + "(ClusterNetworkPolicies are cluster-wide)");
        }
        if (resource == Resource.health && (cluster == null || namespace != null)) {
            throw new ParameterException(spec.commandLine(), "health needs --cluster NAME and takes no -n");
        }
        if (resource == Resource.health && id == null) {
            return health();
        }
        if (resource == Resource.stats && namespace != null) {
            throw new ParameterException(spec.commandLine(), "stats takes --cluster, not -n");
        }
        if (periodDays < 1 || periodDays > 3650) {
            throw new ParameterException(spec.commandLine(), "--period-days must be from 1 to 3650, found " + periodDays);
        }
        if (!resource.isInventory() && resource != Resource.acnp && resource != Resource.stats
                && (namespace != null || cluster != null)) {
            throw new ParameterException(spec.commandLine(), "-n and --cluster apply to namespaces, pods, services, "
                    + "nodes, networkpolicies and ingresses, not to " + resource);
        }
        if (realtime && resource != Resource.stats && resource != Resource.unusedrules) {
            throw new ParameterException(spec.commandLine(), "--realtime applies to stats and unusedrules, not to "
                    + resource);
        }
        if (realtime) {
            collectNow();
        }
        if (id != null && resource != Resource.groups && resource != Resource.policies) {
            throw new ParameterException(spec.commandLine(), "an ID selects one of groups or policies, not of "
                    + resource + " (filter those with -n and --cluster)");
        }
        List<JsonNode> items = resource == Resource.acnp
                ? AcnpTable.sorted(connection.get(resource.path + cluster + "/status").path("policies"))
                : id != null ? List.of(connection.get(resource.path + "/" + ServerConnection.query(id)))
                : resource == Resource.unusedrules
                ? connection.listAll(resource.path + "?period_seconds=" + periodDays * 86400L)
                : connection.listAll(resource.path + filter());
        var out = spec.commandLine().getOut();
        if (output == ItemsOutput.Format.table) {
            Instant now = Instant.now();
            out.print(ItemsOutput.table(resource.header, items.stream().map(i -> resource.row.apply(i, now)).toList()));
        } else {
            out.print(ItemsOutput.document(output, items));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * One realtime read (a page of one: the collection, not the list, is what matters) so that the listing that
     * follows sees fresh counters; says on stderr which clusters' figures are cached and how old they are.
     */
    private void collectNow() {
        String sep = filter().isEmpty() ? "?" : "&";
        JsonNode reply = connection.get(Resource.stats.path + filter() + sep + "source=realtime&page_size=1");
        var err = spec.commandLine().getErr();
        for (JsonNode c : reply.path("collection")) {
            if (!c.path("source").asText().equals("realtime")) {
                err.println("breakwater get: cluster " + c.path("cluster").asText() + ": cached figures ("
                        + c.path("reason").asText() + "; last report " + (c.path("age_seconds").isNull()
                        ? "never" : c.path("age_seconds").asLong() + " s ago") + ")");
            }
        }
        err.flush();
    }

    private Integer health() {
        String base = resource.path + ServerConnection.query(cluster) + "/antrea-health";
        JsonNode health = connection.get(base);
        List<JsonNode> agents = connection.listAll(base + "/agents");
        var out = spec.commandLine().getOut();
        if (output == ItemsOutput.Format.table) {
            out.print(HealthTable.render(health, agents));
        } else {
            var all = ((com.fasterxml.jackson.databind.node.ObjectNode) health).deepCopy();
            all.putArray("agents").addAll(agents);
            out.print(ItemsOutput.document(output, all));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String filter() {
        var params = new ArrayList<String>();
        if (namespace != null) {
            params.add("namespace=" + ServerConnection.query(namespace));
        }
        if (cluster != null) {
            params.add("cluster=" + ServerConnection.query(cluster));
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    static String inventory(String resource) {
        return "/api/v1/breakwater/inventory/" + resource;
    }

    private static String ago(long millis, Instant now) {
        return millis <= 0 ? "<never>" : AcnpTable.age(Duration.between(Instant.ofEpochMilli(millis), now)) + " ago";
    }

    private static String joined(JsonNode array) {
        var parts = new ArrayList<String>();
        array.forEach(n -> parts.add(n.asText()));
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    /** kubectl's HOSTS column: the rules' hosts, {@code *} when a rule matches every host. */
    private static String hosts(JsonNode array) {
        var parts = new ArrayList<String>();
        array.forEach(n -> parts.add(n.asText()));
        return parts.isEmpty() ? "*" : String.join(",", parts);
    }

    private static String addresses(JsonNode array) {
        var parts = new ArrayList<String>();
        array.forEach(a -> parts.add(a.path("address").asText()));
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    /** A label selector as kubectl prints it: {@code app=web,tier in (backend,data)}; {@code <none>} selects all. */
    static String selector(JsonNode selector) {
        var parts = new ArrayList<String>();
        selector.path("matchLabels").properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode r : selector.path("matchExpressions")) {
            String key = r.path("key").asText();
            String values = "(" + joined(r.path("values")) + ")";
            parts.add(switch (r.path("operator").asText()) {
                case "In" -> key + " in " + values;
                case "NotIn" -> key + " notin " + values;
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> key + " " + r.path("operator").asText() + " " + values;
            });
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }
}
