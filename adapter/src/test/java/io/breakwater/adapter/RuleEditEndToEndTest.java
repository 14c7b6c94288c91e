package io.breakwater.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: a real server and the adapter against fabric8's mock API server (CRUD mode). After one DFW rule
 * edit, the desired state reaches the adapter as a delta and exactly one write — the edited policy's ACNP —
 * reaches the Kubernetes API; every other ACNP, ClusterGroup and Tier is left untouched.
 */
@EnableKubernetesMockClient(crud = true)
class RuleEditEndToEndTest {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    KubernetesMockServer k8sServer;
    KubernetesClient client;

    private EndToEnd e2e;

    @BeforeEach
    void start() {
        e2e = new EndToEnd(k8sServer, client, "edit", "bw-edit", "edit-admin-secret");
        e2e.startServer();
        e2e.registerCluster();
        e2e.startAdapter();
    }

    @AfterEach
    void stop() {
        e2e.close();
    }

    @Test
    void oneRuleEditReachesTheApiServerAsOneAcnpWrite() throws Exception {
        for (String app : List.of("web", "db", "api", "cache")) {
            e2e.admin("PATCH", "/policy/api/v1/infra/domains/default/groups/" + app, "{\"expression\": [{\"resource_type\": "
                    + "\"Condition\", \"member_type\": \"Pod\", \"key\": \"Tag\", \"operator\": \"EQUALS\", "
                    + "\"value\": \"app|" + app + "\"}]}");
        }
        putPolicy("db-access", "web", "db", 5432);
        putPolicy("api-access", "web", "api", 8080);
        putPolicy("cache-access", "api", "cache", 6379);
        await().until(() -> acnpNames().size() == 3);
        long version = desiredVersion();
        await().until(() -> reportedVersion() == version);
        Thread.sleep(1_000); // let the informers' own triggers run their (writeless) reconciles
        drainRequests();

        putPolicy("api-access", "web", "api", 9090);

        await().until(() -> acnpSpec("bw-p-api-access").contains("9090"));
        long edited = desiredVersion();
        await().until(() -> reportedVersion() == edited);
        Thread.sleep(1_000);
        List<RecordedRequest> writes = drainRequests().stream().filter(r -> WRITES.contains(r.getMethod())).toList();
        assertThat(writes).extracting(r -> r.getMethod() + " " + r.getPath()).singleElement().asString()
                .startsWith("PUT ").endsWith("/clusternetworkpolicies/bw-p-api-access");
    }

    private void putPolicy(String id, String from, String to, int port) {
        e2e.admin("PATCH", "/policy/api/v1/infra/domains/default/security-policies/" + id, """
                {"category": "Application", "tags": [{"scope": "breakwater.io/cluster", "tag": "%s"}], "rules": [{"id": "r1", "action": "ALLOW",
                 "direction": "IN", "source_groups": ["/infra/domains/default/groups/%s"],
                 "destination_groups": ["/infra/domains/default/groups/%s"], "services": ["ANY"],
                 "service_entries": [{"resource_type": "L4PortSetServiceEntry", "l4_protocol": "TCP",
                                      "destination_ports": ["%d"]}]}]}
                """.formatted("edit", from, to, port));
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        var out = new ArrayList<RecordedRequest>();
        RecordedRequest r;
        while ((r = k8sServer.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            out.add(r);
        }
        return out;
    }

    private List<String> acnpNames() {
        return new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).list().getItems().stream()
                .map(a -> a.getMetadata().getName()).toList();
    }

    private String acnpSpec(String name) {
        var acnp = new AntreaResources(client).of(AntreaKind.CLUSTER_NETWORK_POLICY).withName(name).get();
        return acnp == null ? "" : String.valueOf(acnp.getAdditionalProperties().get("spec"));
    }

    private long desiredVersion() {
        return e2e.desiredVersion();
    }

    private long reportedVersion() {
        return e2e.reportedVersion();
    }
}
