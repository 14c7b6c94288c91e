package io.breakwater.adapter.realize;

import static io.breakwater.adapter.Fixtures.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.breakwater.adapter.Adapter;
import io.breakwater.adapter.FakeManagementPlane;
import io.breakwater.adapter.Fixtures;
import io.breakwater.adapter.plane.Backoff;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.plane.DesiredState.ImportedNetworkPolicy;
import io.breakwater.adapter.plane.StatusReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RealizationTest {
    private static final Timing FAST = new Timing(Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMillis(200), new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));

    KubernetesMockServer server;
    KubernetesClient client;

    private final FakeManagementPlane plane = new FakeManagementPlane();
    private AntreaResources resources;
    private Adapter adapter;

    @BeforeAll
    static void patientUnderLoad() {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1)); // 2 shared cores: informers can take a while
    }

    @BeforeEach
    void registerAntreaKinds() {
        Fixtures.registerAntreaCrds(server);
        resources = new AntreaResources(client);
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private void startAdapter() {
        adapter = Adapter.start(client, plane, Fixtures.realization(), CreateOrUpdateWriter::new, OWNER, FAST);
    }

    private GenericKubernetesResource get(AntreaKind kind, String name) {
        return resources.of(kind).withName(name).get();
    }

    /** Every Antrea object in the mock API server, read the way an operator would (the adapter no longer lists). */
    private List<LiveObject> listAll() {
        var all = new ArrayList<LiveObject>();
        for (var kind : AntreaKind.values()) {
            resources.of(kind).list().getItems().forEach(r -> all.add(AntreaResources.toLive(kind, r)));
        }
        return all;
    }

    private List<RecordedRequest> drainRequests() throws InterruptedException {
        var out = new ArrayList<RecordedRequest>();
        for (RecordedRequest r; (r = server.takeRequest(300, TimeUnit.MILLISECONDS)) != null; ) {
            out.add(r);
        }
        return out;
    }

    /** GET of a whole Antrea kind that is not a watch: what each cycle used to send three of. */
    private static boolean isAntreaList(RecordedRequest request) {
        var path = request.getPath();
        var resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return "GET".equals(request.getMethod()) && !path.contains("watch=true")
                && Arrays.stream(AntreaKind.values()).anyMatch(k -> resource.endsWith("/" + k.plural()));
    }

    private OwnedObjects listedOwnedObjects() {
        var owned = new OwnedObjects(resources, OWNER);
        owned.start(() -> { }, () -> { });
        await().until(owned::synced);
        return owned;
    }

    /** The adapter running with {@code webToDb(1)} realized and a reconcile that found nothing to do. */
    private void startConverged() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();
        await().until(() -> adapter.realizer().reconcile().isConverged());
    }

    private void awaitConverged() {
        await().until(() -> get(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access") != null
                && get(AntreaKind.CLUSTER_GROUP, "bw-g-db") != null);
    }

    @Test
    void desiredStateIsRealizedAsTierGroupsAndPolicy() {
        plane.publish(Fixtures.webToDb(1));

        startAdapter();

        await().untilAsserted(() -> assertThat(listAll()).extracting(o -> o.key().toString())
                .containsExactlyInAnyOrder("Tier/bw-application", "ClusterGroup/bw-g-web", "ClusterGroup/bw-g-web-0",
                        "ClusterGroup/bw-g-db", "ClusterGroup/bw-g-db-0", "ClusterNetworkPolicy/bw-p-db-access"));
    }

    @Test
    void realizedObjectsCarryOwnershipLabelsAndSpecHash() {
        plane.publish(Fixtures.webToDb(1));

        startAdapter();

        awaitConverged();
        var acnp = get(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access").getMetadata();
        assertThat(acnp.getLabels()).containsEntry(Ownership.MANAGED_BY, "breakwater").containsEntry(Ownership.OWNER, OWNER);
        assertThat(acnp.getAnnotations()).containsKey(Ownership.SPEC_HASH);
    }

    @Test
    void deletedOwnedGroupIsRecreated() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();

        resources.of(AntreaKind.CLUSTER_GROUP).withName("bw-g-db").delete();

        await().until(() -> get(AntreaKind.CLUSTER_GROUP, "bw-g-db") != null);
    }

    @Test
    void foreignObjectWithOurNameIsLeftAloneAndReportedAsNameConflict() {
        var foreign = AntreaResources.toResource(new AntreaObject(AntreaKind.CLUSTER_GROUP, "bw-g-db",
                Map.of("team", "dba"), Map.of(), Fixtures.json("{'namespaceSelector': {}}")));
        resources.of(AntreaKind.CLUSTER_GROUP).resource(foreign).create();
        plane.publish(Fixtures.webToDb(1));

        startAdapter();

        await().untilAsserted(() -> assertThat(plane.lastReport()).get()
                .extracting(r -> r.adapter().errors()).asList()
                .anyMatch(e -> e.toString().startsWith("NameConflict: ClusterGroup/bw-g-db")));
        assertThat(get(AntreaKind.CLUSTER_GROUP, "bw-g-db").getMetadata().getLabels())
                .containsOnly(Map.entry("team", "dba"));
    }

    @Test
    void restartedAdapterWritesNothingWhenConverged() {
        startConverged();
        adapter.close();
        var writer = new CountingWriter(new CreateOrUpdateWriter(resources));
        try (var owned = listedOwnedObjects()) {
            var restarted = new Realizer(resources, owned, writer, new ImportedPolicies(client),
                    Fixtures.realization(), plane, OWNER, Clock.systemUTC());
            restarted.accept(Fixtures.webToDb(1));

            var plan = restarted.reconcile();

            assertThat(plan.isConverged()).isTrue();
            assertThat(writer.writes()).isZero();
        }
    }

    @Test
    void nothingIsPlannedBeforeTheOwnedObjectsAreListed() {
        var writer = new CountingWriter(new CreateOrUpdateWriter(resources));
        try (var notStarted = new OwnedObjects(resources, OWNER)) {
            var realizer = new Realizer(resources, notStarted, writer, new ImportedPolicies(client),
                    Fixtures.realization(), plane, OWNER, Clock.systemUTC());
            realizer.accept(Fixtures.webToDb(1));

            var plan = realizer.reconcile();

            assertThat(plan.planned()).isFalse();
            assertThat(writer.writes()).isZero();
            assertThat(get(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access")).isNull();
        }
    }

    @Test
    void ownedObjectsListedOnceAreKeptWithoutTheirSpec() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();
        adapter.close();

        try (var owned = listedOwnedObjects()) {
            assertThat(owned.all()).extracting(o -> o.key().toString()).containsExactlyInAnyOrder(
                    "Tier/bw-application", "ClusterGroup/bw-g-web", "ClusterGroup/bw-g-web-0",
                    "ClusterGroup/bw-g-db", "ClusterGroup/bw-g-db-0", "ClusterNetworkPolicy/bw-p-db-access");
            assertThat(owned.all()).allSatisfy(o -> {
                assertThat(o.specEdited()).isFalse();
                assertThat(o.resourceVersion()).isNotEmpty();
            });
        }
    }

    @Test
    void reconcilesAfterTheFirstListDoNotListTheAntreaKinds() throws InterruptedException {
        startConverged();
        drainRequests();

        for (int i = 0; i < 3; i++) {
            assertThat(adapter.realizer().reconcile().isConverged()).isTrue();
        }
        adapter.realizer().reportStatus();

        assertThat(drainRequests()).noneMatch(RealizationTest::isAntreaList);
    }

    @Test
    void handEditOfAPolicyIsRevertedThroughTheWatchWithoutAList() throws InterruptedException {
        startConverged();
        drainRequests();

        resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName("bw-p-db-access").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("priority", 99);
            return r;
        });

        await().untilAsserted(() -> assertThat(AntreaResources.toLive(AntreaKind.CLUSTER_NETWORK_POLICY,
                get(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access")).spec().path("priority").asDouble())
                .isEqualTo(1.12));
        var requests = drainRequests();
        assertThat(requests).noneMatch(RealizationTest::isAntreaList);
        assertThat(requests).anyMatch(r -> "PUT".equals(r.getMethod())
                && r.getPath().endsWith("/clusternetworkpolicies/bw-p-db-access"));
    }

    @Test
    void policyGoneFromDesiredStateIsDeletedWithItsGroups() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();

        plane.publish(new DesiredState(2, List.of(), List.of(), List.of()));

        await().untilAsserted(() -> assertThat(listAll()).extracting(o -> o.key().toString())
                .containsExactly("Tier/bw-application"));
    }

    @Test
    void importedNetworkPolicyIsDeletedAndReportedByUid() {
        var np = client.network().v1().networkPolicies().inNamespace("shop").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-web").endMetadata().withNewSpec().withNewPodSelector()
                .endPodSelector().endSpec().build()).create();
        var uid = np.getMetadata().getUid();
        plane.publish(new DesiredState(1, List.of(), List.of(),
                List.of(new ImportedNetworkPolicy("shop", "allow-web", uid))));

        startAdapter();

        await().untilAsserted(() -> assertThat(plane.reports()).flatExtracting(StatusReport::deletedNetworkPolicies)
                .contains(uid));
        assertThat(client.network().v1().networkPolicies().inNamespace("shop").withName("allow-web").get()).isNull();
    }

    @Test
    void networkPolicyRecreatedUnderTheImportedNameIsKept() {
        client.network().v1().networkPolicies().inNamespace("shop").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-web").endMetadata().withNewSpec().withNewPodSelector()
                .endPodSelector().endSpec().build()).create();
        plane.publish(new DesiredState(1, List.of(), List.of(),
                List.of(new ImportedNetworkPolicy("shop", "allow-web", "uid-of-the-imported-one"))));

        startAdapter();

        await().untilAsserted(() -> assertThat(plane.reports()).flatExtracting(StatusReport::deletedNetworkPolicies)
                .contains("uid-of-the-imported-one"));
        assertThat(client.network().v1().networkPolicies().inNamespace("shop").withName("allow-web").get()).isNotNull();
    }

    @Test
    void acnpStatusIsReportedPerPolicy() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();

        resources.of(AntreaKind.CLUSTER_NETWORK_POLICY).withName("bw-p-db-access").editStatus(r -> {
            r.setAdditionalProperty("status", Map.of("phase", "Realized",
                    "observedGeneration", r.getMetadata().getGeneration(),
                    "currentNodesRealized", 3, "desiredNodesRealized", 3));
            return r;
        });

        var acnp = get(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-db-access");
        var spec = (Map<?, ?>) acnp.getAdditionalProperties().get("spec");
        await().untilAsserted(() -> assertThat(plane.lastReport()).get()
                .extracting(StatusReport::policies).asList()
                .containsExactly(new StatusReport.PolicyStatus("/infra/domains/default/security-policies/db-access",
                        "Realized", acnp.getMetadata().getGeneration(), 3, 3, "", "bw-p-db-access",
                        (String) spec.get("tier"), ((Number) spec.get("priority")).doubleValue(),
                        acnp.getMetadata().getCreationTimestamp())));
    }

    @Test
    void heartbeatCarriesDesiredVersionAndLastSync() {
        plane.publish(Fixtures.webToDb(7));

        startAdapter();

        await().untilAsserted(() -> assertThat(plane.lastReport()).get().extracting(StatusReport::adapter)
                .satisfies(h -> {
                    assertThat(h.desiredVersion()).isEqualTo(7);
                    assertThat(h.lastSync()).isNotEmpty();
                    assertThat(h.errors()).isEmpty();
                }));
    }

    @Test
    void serverOutageDuringSyncConvergesAfterReconnect() {
        plane.publish(Fixtures.webToDb(1));
        startAdapter();
        awaitConverged();
        plane.setDown(true);
        plane.publish(new DesiredState(2, List.of(Fixtures.group("web"), Fixtures.group("db"), Fixtures.group("api")),
                List.of(Fixtures.securityPolicy("db-access", "api", "db")), List.of()));

        plane.setDown(false);

        await().untilAsserted(() -> assertThat(get(AntreaKind.CLUSTER_GROUP, "bw-g-api")).isNotNull());
        await().untilAsserted(() -> assertThat(plane.lastReport()).get()
                .extracting(r -> r.adapter().desiredVersion()).isEqualTo(2L));
    }

    @Test
    void aStatisticsRequestInAnUnchangedDesiredStateIsAnsweredAtOnceNamingIt() {
        DesiredState state = Fixtures.webToDb(1);
        plane.publish(state);
        startAdapter();
        awaitConverged();

        plane.publish(new DesiredState(state.version(), state.groups(), state.securityPolicies(),
                state.importedNetworkPolicies(), 7));

        await().untilAsserted(() -> assertThat(plane.statsReports())
                .anySatisfy(r -> assertThat(r.path("request").asLong()).isEqualTo(7)));
    }

    @Test
    void theFirstDesiredStateDoesNotTriggerAStatisticsReport() {
        DesiredState state = Fixtures.webToDb(1);
        plane.publish(new DesiredState(state.version(), state.groups(), state.securityPolicies(),
                state.importedNetworkPolicies(), 3));
        startAdapter();
        awaitConverged();
        plane.publish(new DesiredState(2, state.groups(), state.securityPolicies(), state.importedNetworkPolicies(), 3));

        await().until(() -> adapter.realizer().desiredState().map(DesiredState::version).orElse(0L) == 2);
        assertThat(plane.statsReports()).isEmpty(); // the periodic read comes only after a minute
    }
}
