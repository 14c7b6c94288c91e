package io.breakwater.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.FakeManagementPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Antrea installed after the adapter: its monitoring CRDs do not exist when the adapter starts (the API server
 * answers 404), appear later, and the adapter starts reporting without a restart.
 */
@EnableKubernetesMockClient(crud = true)
class AntreaHealthLateCrdsTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private final FakeManagementPlane plane = new FakeManagementPlane();
    private AntreaHealthWatch watch;

    @AfterEach
    void stop() {
        watch.close();
    }

    private static CustomResourceDefinition crd(MonitoringKind kind) {
        var context = kind.context();
        return new CustomResourceDefinitionBuilder().withNewMetadata()
                .withName(context.getPlural() + "." + context.getGroup()).endMetadata()
                .withNewSpec().withGroup(context.getGroup()).withScope("Cluster")
                .withNewNames().withKind(kind.kind()).withPlural(context.getPlural()).endNames()
                .addNewVersion().withName(context.getVersion()).withServed(true).withStorage(true).endVersion()
                .endSpec().build();
    }

    @Test
    void monitoringCrdsInstalledAfterTheStartAreReported() {
        for (var kind : MonitoringKind.values()) { // not installed yet: the informers' first list is a 404
            var context = kind.context();
            server.expect().get().withPath("/apis/" + context.getGroup() + "/" + context.getVersion() + "/"
                    + context.getPlural() + "?resourceVersion=0").andReturn(404, "").once();
        }
        watch = new AntreaHealthWatch(client, plane, Duration.ofMillis(200), Duration.ofMillis(300));
        watch.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> server.getRequestCount() >= 2);

        for (var kind : MonitoringKind.values()) { // Antrea installed
            client.apiextensions().v1().customResourceDefinitions().resource(crd(kind)).create();
        }
        GenericKubernetesResource controller = new GenericKubernetesResourceBuilder()
                .withApiVersion(MonitoringKind.CONTROLLER_INFO.apiVersion())
                .withKind(MonitoringKind.CONTROLLER_INFO.kind()).withNewMetadata().withName("antrea-controller")
                .endMetadata().build();
        controller.setAdditionalProperty("version", "v2.2.0");
        controller.setAdditionalProperty("controllerConditions", List.of(Map.of("type", "ControllerHealthy",
                "status", "True", "lastHeartbeatTime", "2026-03-01T10:00:00Z")));
        client.genericKubernetesResources(MonitoringKind.CONTROLLER_INFO.context()).resource(controller).create();

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(plane.healthReports())
                .anySatisfy(r -> assertThat(r.path("controller").path("version").asText()).isEqualTo("v2.2.0")));
    }
}
