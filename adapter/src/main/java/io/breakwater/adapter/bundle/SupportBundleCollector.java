package io.breakwater.adapter.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.breakwater.adapter.health.MonitoringKind;
import io.breakwater.adapter.realize.AntreaKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a support bundle (seed 001): the adapter's own recent log, the Antrea objects it owns (Tiers,
 * ClusterGroups, ACNPs with status), the monitoring CRDs and the tails of the antrea-controller and antrea-agent
 * Pod logs. Bounded: each log is its last {@code logLines} lines, the bundle's content at most {@code maxBytes},
 * and collection stops adding parts after {@code maxTime}. It never reads Secrets (the adapter has no right to),
 * drops any Secret object met, strips {@code data}/{@code stringData}, and redacts its own credential and bearer
 * tokens from every file.
 */
public final class SupportBundleCollector {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Where antrea-controller and antrea-agent run (Antrea's manifests). */
    static final String ANTREA_NAMESPACE = "kube-system";

    /** Limits of one bundle. */
    public record Limits(long maxBytes, int logLines, Duration maxTime) {
        public static Limits defaults() {
            return new Limits(8L << 20, 2000, Duration.ofSeconds(60));
        }
    }

    /** Where the adapter's own Pod runs (downward API / host name), empty outside a cluster. */
    public record Self(String namespace, String pod) {
        public static Self fromEnvironment() {
            return new Self(System.getenv().getOrDefault("POD_NAMESPACE", ""),
                    System.getenv().getOrDefault("POD_NAME", System.getenv().getOrDefault("HOSTNAME", "")));
        }
    }

    private final KubernetesClient client;
    private final Limits limits;
    private final List<String> secrets;
    private final Self self;

    public SupportBundleCollector(KubernetesClient client, Limits limits, List<String> secrets, Self self) {
        this.client = client;
        this.limits = limits;
        this.secrets = List.copyOf(secrets);
        this.self = self;
    }

    /** The bundle as {@code .tar.gz} bytes. */
    public byte[] collect() {
        var writer = new BundleWriter(limits.maxBytes(), secrets);
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        var parts = new LinkedHashMap<String, Runnable>();
        parts.put("adapter.log", () -> log(writer, "adapter.log", self.namespace(), self.pod()));
        for (AntreaKind kind : AntreaKind.values()) {
            String file = "antrea/" + kind.plural() + ".json";
            parts.put(file, () -> writer.add(file, json(client.genericKubernetesResources(kind.context())
                    .withLabel("app.kubernetes.io/managed-by", "breakwater").list().getItems())));
        }
        for (MonitoringKind kind : MonitoringKind.values()) {
            String file = "monitoring/" + kind.kind() + ".json";
            parts.put(file, () -> writer.add(file, json(client.genericKubernetesResources(kind.context()).list()
                    .getItems())));
        }
        parts.put("logs/", () -> antreaLogs(writer));
        parts.forEach((name, part) -> {
            if (System.nanoTime() > deadline) {
                writer.skip(name, "the time limit of " + limits.maxTime().toSeconds() + " s was reached");
                return;
            }
            try {
                part.run();
            } catch (KubernetesClientException e) {
                writer.add(name + ".error.txt", "could not collect " + name + ": " + e.getMessage() + "\n");
            }
        });
        return writer.finish();
    }

    private void antreaLogs(BundleWriter writer) {
        List<Pod> pods = client.pods().inNamespace(ANTREA_NAMESPACE).withLabel("app", "antrea").list().getItems();
        for (Pod pod : pods) {
            String component = pod.getMetadata().getLabels().getOrDefault("component", "antrea");
            log(writer, "logs/" + component + "/" + pod.getMetadata().getName() + ".log", ANTREA_NAMESPACE,
                    pod.getMetadata().getName());
        }
    }

    private void log(BundleWriter writer, String file, String namespace, String pod) {
        if (namespace.isEmpty() || pod.isEmpty()) {
            writer.skip(file, "not running in a Pod (POD_NAMESPACE/POD_NAME unset)");
            return;
        }
        try {
            String text = client.pods().inNamespace(namespace).withName(pod).tailingLines(limits.logLines()).getLog();
            writer.add(file, text == null ? "" : text);
        } catch (KubernetesClientException e) {
            writer.add(file + ".error.txt", "could not read the log of " + namespace + "/" + pod + ": "
                    + e.getMessage() + "\n");
        }
    }

    /** Objects as indented JSON, without Secrets and without any {@code data}/{@code stringData}. */
    static String json(List<? extends HasMetadata> objects) {
        var safe = objects.stream().filter(o -> !"Secret".equals(o.getKind())).map(o -> {
            var tree = JSON.<Map<String, Object>>convertValue(o, JSON.getTypeFactory()
                    .constructMapType(LinkedHashMap.class, String.class, Object.class));
            tree.remove("data");
            tree.remove("stringData");
            if (tree.get("metadata") instanceof Map<?, ?> meta) {
                meta.remove("managedFields");
            }
            return tree;
        }).toList();
        try {
            return JSON.writeValueAsString(safe) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write objects as JSON", e);
        }
    }
}
