package io.breakwater.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.breakwater.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Antrea Controller and Agent health per cluster, as the cluster's adapter reads it from the monitoring CRDs
 * (docs/adapter-protocol.md {@code PUT …/antrea-health}). Judged when read, on the server's clock:
 * <ul>
 *   <li>a component whose newest heartbeat is older than {@link #HEARTBEAT_TIMEOUT} is {@code Stale} (Antrea
 *       refreshes its monitoring CRDs about every 60 s: three missed heartbeats);</li>
 *   <li>a component with a condition whose status is not {@code True} is {@code Unhealthy};</li>
 *   <li>the cluster is {@code DEGRADED} when the controller or any agent is not {@code Healthy}, or either is
 *       missing; {@code UNKNOWN} when its adapter has not reported for {@link #REPORT_TIMEOUT} (it reports every
 *       15 s) or never did.</li>
 * </ul>
 */
public final class AntreaHealth {

    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(3);
    public static final Duration REPORT_TIMEOUT = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;

    public AntreaHealth(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores an adapter's report, replacing the last one. */
    public void report(String cluster, ObjectNode body) {
        JsonNode controller = body.path("controller");
        if (!controller.isMissingNode() && !controller.isNull() && !controller.isObject()) {
            throw DomainException.invalid("controller", "controller: must be an object or null");
        }
        JsonNode agents = body.path("agents");
        if (!agents.isArray()) {
            throw DomainException.invalid("agents", "agents: is required and must be an array");
        }
        for (int i = 0; i < agents.size(); i++) {
            if (!agents.get(i).isObject() || agents.get(i).path("name").asText("").isEmpty()) {
                throw DomainException.invalid("agents[" + i + "].name", "agents[" + i + "].name: is required");
            }
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            try (var del = c.prepareStatement("delete from antrea_health where cluster = ?")) {
                del.setString(1, cluster);
                del.executeUpdate();
            }
            try (var st = c.prepareStatement("insert into antrea_health (cluster, body, received_time) values (?, ?, ?)")) {
                st.setString(1, cluster);
                st.setString(2, Json.write(body));
                st.setLong(3, now);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The cluster's health: {@code status}, {@code reasons}, {@code controller} and agent counts; the agents
     * themselves come from {@link #agents} (a cluster may have thousands).
     */
    public ObjectNode view(String cluster) {
        Instant now = clock.instant();
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("cluster", cluster);
        out.put("heartbeat_timeout_seconds", HEARTBEAT_TIMEOUT.toSeconds());
        var stored = load(cluster);
        if (stored.isEmpty()) {
            out.put("status", "UNKNOWN");
            out.putArray("reasons").add("the adapter has not reported Antrea health yet");
            out.putNull("controller");
            out.put("agent_count", 0);
            out.put("healthy_agents", 0);
            return out;
        }
        Stored s = stored.get();
        var reasons = new ArrayList<String>();
        long reportAge = Duration.between(Instant.ofEpochMilli(s.receivedTime()), now).toSeconds();
        out.put("received_time", s.receivedTime());
        JsonNode controller = s.body().path("controller");
        if (controller.isObject()) {
            ObjectNode c = judge((ObjectNode) controller, now);
            out.set("controller", c);
            if (!c.path("state").asText().equals("Healthy")) {
                reasons.add("antrea-controller is " + c.path("state").asText() + ": " + c.path("detail").asText());
            }
        } else {
            out.putNull("controller");
            reasons.add("no AntreaControllerInfo: antrea-controller is not running or not reporting");
        }
        List<ObjectNode> agents = judgedAgents(s.body(), now);
        long healthy = agents.stream().filter(a -> a.path("state").asText().equals("Healthy")).count();
        out.put("agent_count", agents.size());
        out.put("healthy_agents", healthy);
        if (agents.isEmpty()) {
            reasons.add("no AntreaAgentInfo: no antrea-agent is reporting");
        }
        for (ObjectNode a : agents) {
            if (!a.path("state").asText().equals("Healthy")) {
                reasons.add("antrea-agent on " + a.path("name").asText() + " is " + a.path("state").asText() + ": "
                        + a.path("detail").asText());
            }
        }
        String status = reasons.isEmpty() ? "HEALTHY" : "DEGRADED";
        if (reportAge > REPORT_TIMEOUT.toSeconds()) {
            status = "UNKNOWN";
            reasons.addFirst("the adapter's last Antrea health report is " + reportAge + " s old (expected every 15 s)");
        }
        out.put("status", status);
        ArrayNode r = out.putArray("reasons");
        reasons.stream().limit(100).forEach(r::add);
        return out;
    }

    /** Every agent of the last report, judged, ordered by Node name. */
    public List<ObjectNode> agents(String cluster) {
        Instant now = clock.instant();
        return load(cluster).map(s -> judgedAgents(s.body(), now)).orElse(List.of());
    }

    private static List<ObjectNode> judgedAgents(JsonNode body, Instant now) {
        var out = new ArrayList<ObjectNode>();
        body.path("agents").forEach(a -> out.add(judge((ObjectNode) a, now)));
        out.sort(java.util.Comparator.comparing(a -> a.path("name").asText()));
        return out;
    }

    /** A copy of the component with {@code state} (Healthy, Unhealthy, Stale), {@code detail} and heartbeat age. */
    static ObjectNode judge(ObjectNode component, Instant now) {
        ObjectNode c = component.deepCopy();
        Optional<Instant> beat = instant(c.path("last_heartbeat").asText(""));
        var failing = new ArrayList<String>();
        for (JsonNode cond : c.path("conditions")) {
            if (!cond.path("status").asText().equals("True")) {
                String reason = cond.path("reason").asText("");
                failing.add(cond.path("type").asText() + "=" + cond.path("status").asText()
                        + (reason.isEmpty() ? "" : " (" + reason + ")"));
            }
        }
        if (beat.isEmpty()) {
            c.put("state", "Stale");
            c.put("detail", "no heartbeat reported");
            c.putNull("heartbeat_age_seconds");
            return c;
        }
        long age = Math.max(0, Duration.between(beat.get(), now).toSeconds());
        c.put("heartbeat_age_seconds", age);
        if (age > HEARTBEAT_TIMEOUT.toSeconds()) {
            c.put("state", "Stale");
            c.put("detail", "last heartbeat " + age + " s ago (limit " + HEARTBEAT_TIMEOUT.toSeconds() + " s)");
        } else if (!failing.isEmpty()) {
            c.put("state", "Unhealthy");
            c.put("detail", String.join(", ", failing));
        } else {
            c.put("state", "Healthy");
            c.put("detail", "");
        }
        return c;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private record Stored(ObjectNode body, long receivedTime) {}

    private Optional<Stored> load(String cluster) {
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement("select body, received_time from antrea_health where cluster = ?")) {
                st.setString(1, cluster);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Stored(Json.readObject(rs.getString(1)), rs.getLong(2)))
                            : Optional.<Stored>empty();
                }
            }
        });
    }
}
