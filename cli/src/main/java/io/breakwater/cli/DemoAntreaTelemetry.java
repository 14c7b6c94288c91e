package io.breakwater.cli;

import io.breakwater.adapter.health.MonitoringKind;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.stats.StatsKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SIMULATED Antrea telemetry for {@code breakwater demo}, where no Antrea runs: every {@code period} it writes what
 * antrea-controller and the antrea-agents would — an {@code AntreaControllerInfo}, one {@code AntreaAgentInfo} per
 * Node with a fresh heartbeat, and {@code AntreaClusterNetworkPolicyStats} whose counters grow on every rule of
 * every ACNP — so a newcomer sees health and hits. The numbers are made up; the demo's output says so.
 */
final class DemoAntreaTelemetry implements AutoCloseable {
    static final String VERSION = "v2.2.0-simulated";

    private final KubernetesClient client;
    private final AntreaResources resources;
    private final Duration period;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "breakwater-demo-antrea-telemetry");
        t.setDaemon(true);
        return t;
    });
    private long tick;

    DemoAntreaTelemetry(KubernetesClient client, Duration period) {
        this.client = client;
        this.resources = new AntreaResources(client);
        this.period = period;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::writeSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void writeSafely() {
        try {
            write();
        } catch (KubernetesClientException e) {
            // the next tick writes again
        }
    }

    synchronized void write() {
        tick++;
        String now = Instant.now().toString();
        var nodes = client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
        upsert(MonitoringKind.CONTROLLER_INFO, "antrea-controller", Map.of("version", VERSION,
                "connectedAgentNum", nodes.size(), "nodeRef", Map.of("name", nodes.isEmpty() ? "" : nodes.getFirst()),
                "podRef", Map.of("namespace", "kube-system", "name", "antrea-controller-simulated"),
                "controllerConditions", List.of(condition("ControllerHealthy", now))));
        for (String node : nodes) {
            upsert(MonitoringKind.AGENT_INFO, node, Map.of("version", VERSION, "nodeRef", Map.of("name", node),
                    "podRef", Map.of("namespace", "kube-system", "name", "antrea-agent-" + node),
                    "localPodNum", client.pods().inAnyNamespace().list().getItems().stream()
                            .filter(p -> node.equals(p.getSpec() == null ? null : p.getSpec().getNodeName())).count(),
                    "ovsInfo", Map.of("version", "3.1.1", "bridgeName", "br-int", "flowTable", Map.of("0", 12)),
                    "agentConditions", List.of(condition("AgentHealthy", now), condition("ControllerConnectionUp", now),
                            condition("OVSDBConnectionUp", now), condition("OpenflowConnectionUp", now))));
        }
        for (GenericKubernetesResource acnp : resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems()) {
            upsert(StatsKind.ACNP_STATS, acnp.getMetadata().getName(), Map.of("ruleTrafficStats", ruleStats(acnp)));
        }
    }

    /** Each rule's counters grow by a rule-specific amount per tick; the last rule of a policy stays unhit. */
    private List<Map<String, Object>> ruleStats(GenericKubernetesResource acnp) {
        var names = new ArrayList<String>();
        if (acnp.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
            for (String side : List.of("ingress", "egress")) {
                if (spec.get(side) instanceof List<?> rules) {
                    rules.forEach(r -> names.add(r instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : ""));
                }
            }
        }
        var out = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < names.size(); i++) {
            long sessions = i == names.size() - 1 && names.size() > 1 ? 0 : tick * (i + 2);
            out.add(Map.of("name", names.get(i), "trafficStats", Map.of("sessions", sessions,
                    "packets", sessions * 12, "bytes", sessions * 9_000)));
        }
        return out;
    }

    private static Map<String, Object> condition(String type, String at) {
        return Map.of("type", type, "status", "True", "lastHeartbeatTime", at);
    }

    private void upsert(MonitoringKind kind, String name, Map<String, Object> fields) {
        upsert(kind.context(), kind.apiVersion(), kind.kind(), name, fields);
    }

    private void upsert(StatsKind kind, String name, Map<String, Object> fields) {
        upsert(kind.context(), kind.apiVersion(), kind.kind(), name, fields);
    }

    private void upsert(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context, String apiVersion,
                        String kind, String name, Map<String, Object> fields) {
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
                .withNewMetadata().withName(name).endMetadata().build();
        fields.forEach(r::setAdditionalProperty);
        var op = client.genericKubernetesResources(context).withName(name);
        if (op.get() == null) {
            client.genericKubernetesResources(context).resource(r).create();
        } else {
            op.edit(existing -> {
                fields.forEach(existing::setAdditionalProperty);
                return existing;
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
