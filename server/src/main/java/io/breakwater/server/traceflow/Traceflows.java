package io.breakwater.server.traceflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.evaluation.Evaluations;
import io.breakwater.server.evaluation.Semantics;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.InventoryStore;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Traceflows (docs/api.md#traceflow): a request names a cluster, a source (Pod {@code ns/name} or IP), a
 * destination (Pod, Service {@code ns/name} or IP), a protocol and a port. The server stores it with the
 * evaluator's <b>prediction</b> under the DFW rules in force; the cluster's adapter runs it as an Antrea Traceflow
 * and reports the <b>observation</b>; the two are compared and a disagreement flagged — drift, or a data-plane fault.
 */
public final class Traceflows {

    private static final Set<String> OBSERVED_VERDICTS = Set.of("DELIVERED", "DROPPED", "REJECTED", "UNKNOWN");

    private final Database db;
    private final Clusters clusters;
    private final Evaluations evaluations;
    private final Clock clock;

    public Traceflows(Database db, Clusters clusters, Evaluations evaluations, Clock clock) {
        this.db = db;
        this.clusters = clusters;
        this.evaluations = evaluations;
        this.clock = clock;
    }

    /** Validates and stores a request with its prediction; returns the traceflow as {@link #get} shows it. */
    public ObjectNode create(ObjectNode body, String user) {
        String cluster = body.path("cluster").asText("");
        if (cluster.isEmpty()) {
            throw DomainException.invalid("cluster", "cluster: is required (a registered cluster's name)");
        }
        clusters.require(cluster);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("cluster", cluster);
        request.set("source", endpoint(body.path("source"), "source", Set.of("pod", "ip")));
        request.set("destination", endpoint(body.path("destination"), "destination", Set.of("pod", "service", "ip")));
        String protocol = body.path("protocol").asText("TCP").toUpperCase(java.util.Locale.ROOT);
        Protocol parsed = Protocol.parse(protocol).orElseThrow(() -> DomainException.invalid("protocol",
                "protocol: must be TCP, UDP or SCTP, found '" + protocol + "'"));
        request.put("protocol", protocol);
        JsonNode port = body.path("port");
        if (!port.isIntegralNumber() || port.asInt() < 1 || port.asInt() > 65535) {
            throw DomainException.invalid("port", "port: is required: a number from 1 to 65535");
        }
        request.put("port", port.asInt());
        ObjectNode predicted = predict(cluster, request, parsed, port.asInt());
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("insert into traceflow (id, cluster, state, request, predicted, observed, "
                    + "create_time, create_user, update_time) values (?, ?, 'PENDING', ?, ?, '{}', ?, ?, ?)")) {
                st.setString(1, id);
                st.setString(2, cluster);
                st.setString(3, Json.write(request));
                st.setString(4, Json.write(predicted));
                st.setLong(5, now);
                st.setString(6, user);
                st.setLong(7, now);
                st.executeUpdate();
            }
            return null;
        });
        return get(id);
    }

    /** {@code {"pod": "ns/name"}}, {@code {"service": "ns/name"}} or {@code {"ip": "10.0.0.1"}}: exactly one. */
    private static ObjectNode endpoint(JsonNode node, String field, Set<String> kinds) {
        if (!node.isObject()) {
            throw DomainException.invalid(field, field + ": is required: an object with one of " + kinds);
        }
        var given = new ArrayList<String>();
        node.fieldNames().forEachRemaining(given::add);
        if (given.size() != 1 || !kinds.contains(given.getFirst()) || node.path(given.getFirst()).asText("").isEmpty()) {
            throw DomainException.invalid(field, field + ": must have exactly one of " + kinds + ", found " + given);
        }
        String kind = given.getFirst();
        String value = node.path(kind).asText();
        if (!kind.equals("ip") && !value.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
            throw DomainException.invalid(field + "." + kind, field + "." + kind + ": must be NAMESPACE/NAME, found '"
                    + value + "'");
        }
        if (kind.equals("ip") && !value.matches("[0-9a-fA-F:.]+")) {
            throw DomainException.invalid(field + ".ip", field + ".ip: '" + value + "' is not an IP address");
        }
        return Json.MAPPER.createObjectNode().put(kind, value);
    }

    /** The DFW verdict the evaluator gives for the flow (nsx semantics), or why there is none. */
    private ObjectNode predict(String cluster, ObjectNode request, Protocol protocol, int port) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode destination = request.path("destination");
        String from = text(request.path("source"));
        if (destination.has("service")) {
            return predictService(cluster, from, destination.path("service").asText(), protocol, port);
        }
        return verdictFor(cluster, from, text(destination), protocol, port, out);
    }

    /** The evaluator's verdict for one flow, written into {@code out}: verdict, deciding rules, explanation. */
    private ObjectNode verdictFor(String cluster, String from, String to, Protocol protocol, int port, ObjectNode out) {
        var explanation = evaluations.explain(cluster, new Evaluations.Probe(Semantics.NSX, protocol,
                new PortRef.Number(port)), from, to);
        JsonNode e = Json.MAPPER.valueToTree(explanation);
        out.put("verdict", e.path("allowed").asBoolean() ? "ALLOWED" : "DENIED");
        var rules = out.putArray("deciding_rules");
        for (String side : List.of("egress", "ingress")) {
            e.path(side).path("deciding_rules").forEach(r -> rules.add(((ObjectNode) r.deepCopy()).put("direction", side)));
        }
        out.set("explanation", e);
        return out;
    }

    /**
     * A Service destination as Antrea forwards it: ClusterIP and port to the Service's endpoints
     * ({@link ServiceBackends}), then the DFW verdict to each endpoint Pod on its target port. The verdict is the
     * endpoints' common one, {@code MIXED} when they differ (the observation then decides which one counts), and
     * {@code DENIED} without endpoints: Antrea rejects such a connection, as kube-proxy does.
     */
    private ObjectNode predictService(String cluster, String from, String service, Protocol protocol, int port) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        String[] ref = service.split("/", 2);
        out.putObject("service").put("name", service).put("port", port);
        var objects = db.rolledBack(c -> List.of(InventoryStore.list(c, "Service", cluster, ref[0]),
                InventoryStore.list(c, "Pod", cluster, ref[0])));
        JsonNode svc = objects.get(0).stream().filter(i -> i.item().name().equals(ref[1])).findFirst()
                .map(i -> (JsonNode) i.item().body()).orElse(null);
        if (svc == null) {
            out.put("verdict", "UNPREDICTED");
            out.put("note", "Service " + service + " is not in cluster " + cluster + "'s inventory");
            return out;
        }
        List<JsonNode> pods = objects.get(1).stream().map(i -> (JsonNode) i.item().body()).toList();
        var resolution = ServiceBackends.resolve(svc, pods, protocol.name(), port);
        if (resolution instanceof ServiceBackends.Resolution.Unresolved u) {
            out.put("verdict", u.verdict());
            out.put("note", u.reason());
            out.putArray("endpoints");
            return out;
        }
        var backends = ((ServiceBackends.Resolution.Endpoints) resolution).backends();
        var endpoints = out.putArray("endpoints");
        var verdicts = new java.util.TreeSet<String>();
        for (ServiceBackends.Backend b : backends) {
            ObjectNode e = verdictFor(cluster, from, b.pod(), protocol, b.port(), Json.MAPPER.createObjectNode());
            e.remove("explanation");
            ObjectNode endpoint = endpoints.addObject().put("pod", b.pod()).put("ip", b.ip()).put("port", b.port());
            endpoint.setAll(e);
            verdicts.add(e.path("verdict").asText());
        }
        if (backends.isEmpty()) {
            out.put("verdict", "DENIED");
            out.put("note", "Service " + service + " has no ready endpoint for port " + port + ": Antrea rejects "
                    + "the connection");
        } else {
            out.put("verdict", verdicts.size() == 1 ? verdicts.first() : "MIXED");
            out.put("endpoints_agree", verdicts.size() == 1);
            out.set("deciding_rules", verdicts.size() == 1 ? endpoints.get(0).path("deciding_rules").deepCopy()
                    : Json.MAPPER.createArrayNode());
        }
        return out;
    }

    private static String text(JsonNode endpoint) {
        return endpoint.has("pod") ? endpoint.path("pod").asText() : endpoint.path("ip").asText();
    }

    /** Requests of a cluster the adapter has not answered yet, oldest first. */
    public List<ObjectNode> pending(String cluster) {
        return db.rolledBack(c -> {
            var out = new ArrayList<ObjectNode>();
            try (var st = c.prepareStatement("select id, request from traceflow where cluster = ? and state = 'PENDING' "
                    + "order by create_time")) {
                st.setString(1, cluster);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode r = Json.readObject(rs.getString(2));
                        r.put("id", rs.getString(1));
                        out.add(r);
                    }
                }
            }
            return out;
        });
    }

    /**
     * The adapter's observation: {@code phase} Succeeded or Failed, {@code reason}, {@code verdict} (DELIVERED,
     * DROPPED, REJECTED, UNKNOWN), {@code results} per Node. Only a pending traceflow of this cluster takes one.
     */
    public void report(String cluster, String id, ObjectNode body) {
        String phase = body.path("phase").asText("");
        if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
            throw DomainException.invalid("phase", "phase: must be Succeeded or Failed, found '" + phase + "'");
        }
        String verdict = body.path("verdict").asText("UNKNOWN");
        if (!OBSERVED_VERDICTS.contains(verdict)) {
            throw DomainException.invalid("verdict", "verdict: must be one of " + OBSERVED_VERDICTS + ", found '"
                    + verdict + "'");
        }
        if (!body.path("results").isMissingNode() && !body.path("results").isArray()) {
            throw DomainException.invalid("results", "results: must be an array of node results");
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement("update traceflow set state = ?, observed = ?, update_time = ? "
                    + "where id = ? and cluster = ? and state = 'PENDING'")) {
                st.setString(1, phase.equals("Succeeded") ? "COMPLETED" : "FAILED");
                st.setString(2, Json.write(body));
                st.setLong(3, now);
                st.setString(4, id);
                st.setString(5, cluster);
                if (st.executeUpdate() == 0) {
                    throw DomainException.notFound(path(id) + " (no pending traceflow of cluster " + cluster + ")");
                }
            }
            return null;
        });
    }

    public ObjectNode get(String id) {
        return find(id).orElseThrow(() -> DomainException.notFound(path(id)));
    }

    public static String path(String id) {
        return "/infra/traceflows/" + id;
    }

    private Optional<ObjectNode> find(String id) {
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement("select id, cluster, state, request, predicted, observed, create_time, "
                    + "create_user, update_time from traceflow where id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(view(rs)) : Optional.<ObjectNode>empty();
                }
            }
        });
    }

    private static ObjectNode view(ResultSet rs) throws SQLException {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("resource_type", "Traceflow");
        out.put("id", rs.getString(1));
        out.put("path", path(rs.getString(1)));
        out.put("cluster", rs.getString(2));
        out.put("state", rs.getString(3));
        out.setAll(Json.readObject(rs.getString(4)));
        ObjectNode predicted = Json.readObject(rs.getString(5));
        ObjectNode observed = Json.readObject(rs.getString(6));
        out.set("predicted", predicted);
        if (observed.isEmpty()) {
            out.putNull("observed");
        } else {
            out.set("observed", observed);
        }
        out.set("agreement", agreement(predicted, observed));
        out.put("_create_time", rs.getLong(7));
        out.put("_create_user", rs.getString(8));
        out.put("_last_modified_time", rs.getLong(9));
        return out;
    }

    /**
     * As {@link #agreement(String, String)}; for a Service destination the prediction for the endpoint the
     * observation names (the load balancer's translated destination IP, or the Pod a packet was delivered to) is
     * compared, with that endpoint named in {@code endpoint}; without one, the endpoints' common verdict.
     */
    static JsonNode agreement(ObjectNode predicted, ObjectNode observed) {
        String observedVerdict = observed.path("verdict").asText("");
        Optional<JsonNode> chosen = chosenEndpoint(predicted.path("endpoints"), observed);
        if (chosen.isEmpty()) {
            ObjectNode out = (ObjectNode) agreement(predicted.path("verdict").asText(), observedVerdict);
            if (predicted.path("verdict").asText().equals("MIXED") && !observedVerdict.isEmpty()) {
                out.put("message", "no comparison: the endpoints' predictions differ and the observation does not "
                        + "name the endpoint Antrea chose");
            }
            return out;
        }
        String pod = chosen.get().path("pod").asText();
        ObjectNode out = (ObjectNode) agreement(chosen.get().path("verdict").asText(), observedVerdict);
        out.put("endpoint", pod);
        out.put("message", "endpoint " + pod + ": " + out.path("message").asText());
        return out;
    }

    private static Optional<JsonNode> chosenEndpoint(JsonNode endpoints, ObjectNode observed) {
        if (!endpoints.isArray() || endpoints.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode node : observed.path("results")) {
            for (JsonNode o : node.path("observations")) {
                String ip = o.path("translated_dst_ip").asText("");
                String pod = o.path("action").asText().equals("Delivered") ? o.path("pod").asText("") : "";
                for (JsonNode e : endpoints) {
                    if (!ip.isEmpty() && ip.equals(e.path("ip").asText()) || !pod.isEmpty()
                            && pod.equals(e.path("pod").asText())) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code AGREE} when ALLOWED was DELIVERED or DENIED was DROPPED/REJECTED; {@code DISAGREE} otherwise;
     * {@code UNDECIDED} while either side has no verdict.
     */
    static JsonNode agreement(String predicted, String observed) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        boolean decidedPrediction = predicted.equals("ALLOWED") || predicted.equals("DENIED");
        boolean decidedObservation = observed.equals("DELIVERED") || observed.equals("DROPPED")
                || observed.equals("REJECTED");
        if (!decidedPrediction || !decidedObservation) {
            out.put("status", "UNDECIDED");
            out.put("message", "no comparison: predicted " + (predicted.isEmpty() ? "-" : predicted) + ", observed "
                    + (observed.isEmpty() ? "not yet" : observed));
            return out;
        }
        boolean agree = predicted.equals("ALLOWED") == observed.equals("DELIVERED");
        out.put("status", agree ? "AGREE" : "DISAGREE");
        out.put("message", agree ? "the data plane did what the DFW rules in force say"
                : "predicted " + predicted + " but observed " + observed + ": the cluster drifted from the DFW rules "
                        + "or its data plane is faulty");
        return out;
    }
}
