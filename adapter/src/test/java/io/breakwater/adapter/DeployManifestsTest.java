package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/adapter/ and deploy/server/ parse as Kubernetes objects; the adapter gets exactly what it uses. */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy", "adapter");
    private static final Path SERVER = Path.of("..", "deploy", "server");

    private static <T extends HasMetadata> T load(String file, Class<T> type) throws IOException {
        return new KubernetesSerialization().unmarshal(Files.readString(DEPLOY.resolve(file)), type);
    }

    @Test
    void clusterRoleGrantsExactlyTheAdaptersVerbs() throws IOException {
        var role = load("clusterrole.yaml", ClusterRole.class);

        var grants = new TreeSet<String>();
        role.getRules().forEach(rule -> rule.getApiGroups().forEach(g -> rule.getResources().forEach(r ->
                rule.getVerbs().forEach(v -> grants.add(g + "/" + r + ":" + v)))));

        var read = List.of("get", "list", "watch");
        var expected = new TreeSet<String>();
        for (var r : List.of("/namespaces", "/pods", "/services", "/nodes", "networking.k8s.io/networkpolicies",
                "networking.k8s.io/ingresses")) {
            read.forEach(v -> expected.add(r + ":" + v));
        }
        expected.add("networking.k8s.io/networkpolicies:delete");
        for (var r : List.of("tiers", "clustergroups", "clusternetworkpolicies")) {
            for (var v : List.of("get", "list", "watch", "create", "update", "patch", "delete")) {
                expected.add("crd.antrea.io/" + r + ":" + v);
            }
        }
        for (var r : List.of("antreacontrollerinfos", "antreaagentinfos")) {
            read.forEach(v -> expected.add("crd.antrea.io/" + r + ":" + v));
        }
        for (var r : List.of("antreaclusternetworkpolicystats", "networkpolicystats")) {
            List.of("get", "list").forEach(v -> expected.add("stats.antrea.io/" + r + ":" + v));
        }
        List.of("get", "create", "delete").forEach(v -> expected.add("crd.antrea.io/traceflows:" + v));
        expected.add("/pods/log:get");
        assertThat(grants).isEqualTo(expected);
        assertThat(grants).noneMatch(g -> g.contains("secrets"));
    }

    @Test
    void bindingGivesTheRoleToTheDeploymentsServiceAccount() throws IOException {
        var binding = load("clusterrolebinding.yaml", ClusterRoleBinding.class);
        var deployment = load("deployment.yaml", Deployment.class);

        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(s.getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        });
    }

    @Test
    void deploymentReadsTheCredentialFromTheSecret() throws IOException {
        var deployment = load("deployment.yaml", Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();

        var secretVolume = pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
        var mount = pod.getContainers().getFirst().getVolumeMounts().stream()
                .filter(m -> m.getName().equals(secretVolume.getName())).findFirst().orElseThrow();
        assertThat(secretVolume.getSecret().getSecretName()).isEqualTo("breakwater-adapter-credential");
        assertThat(pod.getContainers().getFirst().getArgs())
                .contains("--credential=" + mount.getMountPath() + "/credential");
    }

    @Test
    void twoAdapterReplicasElectALeaderOnALeaseTheirAccountMayUpdate() throws IOException {
        var deployment = load("deployment.yaml", Deployment.class);
        var role = load("role-lease.yaml", Role.class);
        var binding = load("rolebinding-lease.yaml", RoleBinding.class);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .contains("--leader-elect");
        assertThat(role.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
        });
        assertThat(role.getMetadata().getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName())
                .isEqualTo(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()));
    }

    @Test
    void adapterProbesUseTheProbePort() throws IOException {
        var container = load("deployment.yaml", Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers().getFirst();

        assertThat(container.getArgs()).contains("--probe-port=9090");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(container.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9090));
    }

    @Test
    void serverReplicasReadTheDatabaseUrlFromTheSecretAndProbeHealthAndReadiness() throws IOException {
        var deployment = new KubernetesSerialization().unmarshal(Files.readString(SERVER.resolve("deployment.yaml")),
                Deployment.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(deployment.getSpec().getReplicas()).isGreaterThan(1);
        assertThat(container.getArgs()).contains("--bind=0.0.0.0").noneMatch(a -> a.startsWith("--db"));
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("BREAKWATER_DB_URL");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("breakwater-server-db");
        });
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        assertListsEveryManifest(DEPLOY);
        assertListsEveryManifest(SERVER);
    }

    private static void assertListsEveryManifest(Path dir) throws IOException {
        var listed = Set.copyOf(Files.readAllLines(dir.resolve("kustomization.yaml")).stream()
                .filter(l -> l.startsWith("  - ")).map(l -> l.substring(4).strip()).toList());

        try (var files = Files.list(dir)) {
            assertThat(listed).isEqualTo(Set.copyOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList()));
        }
    }
}
