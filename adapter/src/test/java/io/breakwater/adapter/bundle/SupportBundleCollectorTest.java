package io.breakwater.adapter.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.adapter.Fixtures;
import io.breakwater.adapter.health.MonitoringKind;
import io.breakwater.adapter.realize.AntreaKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A support bundle's contents, its size cap, and that no secret gets in. */
@EnableKubernetesMockClient(crud = true)
class SupportBundleCollectorTest {
    private static final String CREDENTIAL = "bw-cluster-credential-0123456789";

    KubernetesClient client;
    KubernetesMockServer server;

    @BeforeEach
    void cluster() {
        Fixtures.registerAntreaCrds(server);
        GenericKubernetesResource acnp = new GenericKubernetesResourceBuilder().withApiVersion(AntreaKind.API_VERSION)
                .withKind("ClusterNetworkPolicy").withNewMetadata().withName("bw-p-web")
                .withLabels(Map.of("app.kubernetes.io/managed-by", "breakwater"))
                .withAnnotations(Map.of("note", "set up with Bearer abc.def.ghi and " + CREDENTIAL)).endMetadata()
                .build();
        acnp.setAdditionalProperty("spec", Map.of("priority", 1.0, "tier", "bw-application"));
        client.genericKubernetesResources(AntreaKind.CLUSTER_NETWORK_POLICY.context()).resource(acnp).create();
        client.genericKubernetesResources(AntreaKind.CLUSTER_NETWORK_POLICY.context()).withName("bw-p-web")
                .editStatus(r -> { // as antrea-controller writes it: through the status subresource
                    r.setAdditionalProperty("status", Map.of("phase", "Realized"));
                    return r;
                });
        GenericKubernetesResource foreign = new GenericKubernetesResourceBuilder().withApiVersion(AntreaKind.API_VERSION)
                .withKind("ClusterNetworkPolicy").withNewMetadata().withName("someone-elses").endMetadata().build();
        client.genericKubernetesResources(AntreaKind.CLUSTER_NETWORK_POLICY.context()).resource(foreign).create();
        GenericKubernetesResource agent = new GenericKubernetesResourceBuilder()
                .withApiVersion(MonitoringKind.AGENT_INFO.apiVersion()).withKind(MonitoringKind.AGENT_INFO.kind())
                .withNewMetadata().withName("node-1").endMetadata().build();
        agent.setAdditionalProperty("version", "v2.2.0");
        client.genericKubernetesResources(MonitoringKind.AGENT_INFO.context()).resource(agent).create();
        client.secrets().inNamespace("breakwater-system").resource(new SecretBuilder().withNewMetadata()
                .withName("breakwater-adapter-credential").endMetadata()
                .addToStringData("credential", CREDENTIAL).build()).create();
    }

    private static Map<String, String> unpack(byte[] bundle) throws IOException {
        var files = new LinkedHashMap<String, String>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bundle)))) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                files.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private byte[] collect(long maxBytes) {
        return new SupportBundleCollector(client, new SupportBundleCollector.Limits(maxBytes, 100, Duration.ofMinutes(1)),
                List.of(CREDENTIAL), new SupportBundleCollector.Self("", "")).collect();
    }

    @Test
    void holdsTheOwnedAntreaObjectsWithStatusAndTheMonitoringCrds() throws IOException {
        var files = unpack(collect(1 << 20));

        assertThat(files.get("support-bundle/antrea/clusternetworkpolicies.json")).contains("bw-p-web", "Realized")
                .doesNotContain("someone-elses");
        assertThat(files.get("support-bundle/monitoring/AntreaAgentInfo.json")).contains("node-1", "v2.2.0");
        assertThat(files).containsKey("support-bundle/SKIPPED.txt");
        assertThat(files.get("support-bundle/SKIPPED.txt")).contains("adapter.log (not running in a Pod");
    }

    @Test
    void noCredentialTokenOrSecretEntersTheBundle() throws IOException {
        byte[] bundle = collect(1 << 20);
        String all = String.join("\n", unpack(bundle).values());

        assertThat(all).doesNotContain(CREDENTIAL).doesNotContain("abc.def.ghi")
                .doesNotContain("\"kind\" : \"Secret\"").doesNotContain("breakwater-adapter-credential");
        assertThat(all).contains("[REDACTED]");
    }

    @Test
    void partsThatWouldPassTheSizeCapAreLeftOutAndNamed() throws IOException {
        var files = unpack(collect(400));

        long content = files.entrySet().stream().filter(e -> !e.getKey().endsWith("SKIPPED.txt"))
                .mapToLong(e -> e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(content).isLessThanOrEqualTo(400);
        assertThat(files.get("support-bundle/SKIPPED.txt")).contains("the bundle cap of 400 bytes would be passed");
    }
}
