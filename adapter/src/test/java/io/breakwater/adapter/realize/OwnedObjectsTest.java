package io.breakwater.adapter.realize;

import static io.breakwater.adapter.Fixtures.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watched index against fabric8's mock API server (CRUD mode): what it keeps and which changes it signals. */
@EnableKubernetesMockClient(crud = true)
class OwnedObjectsTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final AtomicInteger drifts = new AtomicInteger();
    private final AtomicInteger statusChanges = new AtomicInteger();
    private AntreaResources resources;
    private OwnedObjects owned;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1));
    }

    @BeforeEach
    void watchWithOnePolicy() {
        Fixtures.registerAntreaCrds(server);
        resources = new AntreaResources(client);
        new CreateOrUpdateWriter(resources).create(Fixtures.policy("db-access", "web", "db").owned(OWNER));
        owned = new OwnedObjects(resources, OWNER);
        owned.start(drifts::incrementAndGet, statusChanges::incrementAndGet);
        await().until(() -> owned.synced() && drifts.get() == 1); // the end of the first list
    }

    @AfterEach
    void stop() {
        owned.close();
    }

    private LiveState acnp() {
        return owned.all().stream().filter(o -> o.name().equals("bw-p-db-access")).findFirst().orElseThrow();
    }

    @Test
    void objectsOfAnotherOwnerAreNotWatched() {
        new CreateOrUpdateWriter(resources).create(Fixtures.policy("other", "web", "db").owned("another-owner"));
        new CreateOrUpdateWriter(resources).create(Fixtures.tier().owned(OWNER));

        await().until(() -> owned.size() == 2);
        assertThat(owned.all()).extracting(o -> o.key().toString())
                .containsExactlyInAnyOrder("ClusterNetworkPolicy/bw-p-db-access", "Tier/bw-application");
    }

    @Test
    void aHandEditOfTheSpecIsSeenAsDrift() {
        resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName("bw-p-db-access").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("priority", 99);
            return r;
        });

        await().until(() -> acnp().specEdited());
        assertThat(drifts.get()).isEqualTo(2);
    }

    @Test
    void aStatusChangeIsSignalledAsStatusNotAsDrift() {
        resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName("bw-p-db-access").editStatus(r -> {
            r.setAdditionalProperty("status", Map.of("phase", "Realized", "observedGeneration", 1,
                    "currentNodesRealized", 2, "desiredNodesRealized", 2));
            return r;
        });

        await().until(() -> statusChanges.get() == 1);
        assertThat(acnp().status().phase()).isEqualTo("Realized");
        assertThat(drifts.get()).isEqualTo(1);
    }

    @Test
    void anExternalDeleteIsSeenAsDrift() {
        resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName("bw-p-db-access").delete();

        await().until(() -> owned.size() == 0);
        assertThat(drifts.get()).isEqualTo(2);
    }

    @Test
    void aRecordedWriteIsWhatTheNextPlanSeesBeforeItsWatchEvent() {
        var desired = Fixtures.policy("db-access", "api", "db").owned(OWNER);
        var written = new CreateOrUpdateWriter(resources).update(desired);

        owned.recordWritten(AntreaKind.CLUSTER_NETWORK_POLICY, written);

        assertThat(acnp().claimedHash()).isEqualTo(desired.specHash());
        assertThat(acnp().resourceVersion()).isEqualTo(written.getMetadata().getResourceVersion());
        assertThat(Planner.plan(java.util.List.of(desired), owned.all(), OWNER).isConverged()).isTrue();
    }

    @Test
    void aFirstListRefusedBeforeAntreaIsInstalledIsTriedAgain() {
        server.expect().get().withPath("/apis/crd.antrea.io/v1beta1/tiers?labelSelector=app.kubernetes.io"
                + "%2Fmanaged-by%3Dbreakwater%2Cbreakwater.io%2Fowner%3D" + OWNER + "&limit=500")
                .andReturn(404, "").once(); // the CRD is not there yet

        try (var late = new OwnedObjects(resources, OWNER, Duration.ofMillis(200))) {
            late.start(() -> { }, () -> { });

            await().until(late::synced);
            assertThat(late.all()).extracting(LiveState::name).containsExactly("bw-p-db-access");
        }
    }
}
