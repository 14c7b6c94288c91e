package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server replicas on one PostgreSQL database (skipped without BREAKWATER_TEST_PG_URL): a change committed on
 * one reaches the other's long polls, users and credentials are shared, concurrent imports write no duplicates.
 */
class ReplicasTest {

    static final String CLUSTER_PATH = "/infra/sites/default/enforcement-points/default/cluster-control-planes/prod";
    static final String DESIRED = "/api/v1/breakwater/clusters/prod/desired-state";

    String url;

    @BeforeEach
    void database() {
        String pg = TestServers.postgresUrl().orElse("");
        Assumptions.assumeTrue(!pg.isEmpty(), TestServers.PG_ENV + " is not set: replica tests are skipped");
        url = TestServers.freshSchema(pg);
    }

    RunningServer replica() {
        return Server.start(TestServers.config().withJdbcUrl(url));
    }

    @Test
    void aSignalPublishedInOneReplicasTransactionReachesTheOtherAtCommit() throws Exception {
        try (Database a = Database.open(url); Database b = Database.open(url);
                ChangeFeed feedA = ChangeFeed.of(a); ChangeFeed feedB = ChangeFeed.of(b)) {
            await(feedB::listening, Duration.ofSeconds(10));
            var received = new CountDownLatch(1);
            feedB.subscribe(ChangeFeed.Channel.DESIRED_STATE, received::countDown);

            a.inTransaction(c -> {
                feedA.publish(c, ChangeFeed.Channel.DESIRED_STATE);
                return null;
            });

            assertThat(received.await(10, TimeUnit.SECONDS)).as("NOTIFY delivered to the other replica").isTrue();
        }
    }

    @Test
    void aChangeCommittedOnOneReplicaWakesALongPollOnTheOther() throws Exception {
        try (RunningServer a = replica(); RunningServer b = replica()) {
            ClusterSetup prod = ClusterSetup.register(TestServers.admin(a), "prod");
            ApiClient adapterOnB = prod.adapter().withBase(b.url());
            long version = adapterOnB.get(DESIRED).json().get("version").asLong();
            var poll = CompletableFuture.supplyAsync(() ->
                    adapterOnB.get(DESIRED + "?since=" + version + "&wait_seconds=30"));
            Thread.sleep(300); // the poll is waiting on B

            long committed = System.nanoTime();
            TestServers.admin(a).patch(ImportApiTest.POLICIES + "/span",
                    Map.of("category", "Application", "scope", List.of(CLUSTER_PATH)));
            var r = poll.get(30, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - committed) / 1_000_000;

            System.out.println("commit on replica A to long-poll answer on replica B: " + millis + " ms");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("version").asLong()).isGreaterThan(version);
            assertThat(millis).as("well under the 5 s re-check a lost signal would cost").isLessThan(4_000);
        }
    }

    @Test
    void aUserDeletedOnOneReplicaIsRejectedOnTheOtherAtOnce() throws Exception {
        try (RunningServer a = replica(); RunningServer b = replica()) {
            TestServers.admin(a).put("/api/v1/breakwater/users/se",
                    Map.of("password", "se-password", "role", "security_engineer"));
            ApiClient seOnB = ApiClient.of(b.url()).basic("se", "se-password");
            assertThat(seOnB.get(ImportApiTest.POLICIES).status()).isEqualTo(200); // B now remembers the credential

            TestServers.admin(a).delete("/api/v1/breakwater/users/se");

            await(() -> seOnB.get(ImportApiTest.POLICIES).status() == 401, Duration.ofSeconds(10));
        }
    }

    @Test
    void aClusterCredentialIssuedOnOneReplicaIsAcceptedOnTheOther() {
        try (RunningServer a = replica(); RunningServer b = replica()) {
            ClusterSetup prod = ClusterSetup.register(TestServers.admin(a), "prod");

            var r = prod.adapter().withBase(b.url()).get(DESIRED);

            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
    }

    @Test
    void twoReplicasImportingTheSameNetworkPoliciesAtOnceCreateNoDuplicates() throws Exception {
        int count = 300;
        try (RunningServer a = replica(); RunningServer b = replica()) {
            ApiClient adminA = TestServers.admin(a);
            ApiClient adminB = TestServers.admin(b);
            ClusterSetup.register(adminA, "big").push(Fixtures.inventory("ns", count));
            var ids = new ArrayList<String>();
            for (int i = 0; i < count; i++) {
                ids.add("ns-np-" + i);
            }
            var body = Map.of("network_policy_ids", ids);

            var onA = CompletableFuture.supplyAsync(() -> adminA.post(ImportApiTest.IMPORT, body));
            var onB = CompletableFuture.supplyAsync(() -> adminB.post(ImportApiTest.IMPORT, body));
            var results = List.of(onA.get(), onB.get());

            int imported = results.stream().filter(r -> r.status() == 200)
                    .mapToInt(r -> r.json().path("success_count").asInt()).sum();
            assertThat(imported).as(results.toString()).isEqualTo(count);
            int policies = adminB.get(ImportApiTest.POLICIES + "?page_size=1").json().get("result_count").asInt();
            assertThat(policies).as("one import's policies (two per NetworkPolicy), not two imports'")
                    .isEqualTo(2 * count);
        }
    }

    @Test
    void readyzReportsTheDatabaseUnreachableWhileItIsAwayAndReadyAfter() throws Exception {
        URI pg = URI.create(url.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort());
                RunningServer server = Server.start(TestServers.config().withJdbcUrl(
                        url.replace(pg.getHost() + ":" + pg.getPort(), "127.0.0.1:" + proxy.port())))) {
            ApiClient probe = ApiClient.of(server.url());
            assertThat(probe.get("/readyz").status()).isEqualTo(200);

            proxy.cut();
            var away = probe.get("/readyz");
            assertThat(away.status()).isEqualTo(503);
            assertThat(away.json().get("database").asText()).isEqualTo("unreachable");
            assertThat(probe.get("/healthz").status()).as("still alive").isEqualTo(200);

            proxy.restore();
            await(() -> probe.get("/readyz").status() == 200, Duration.ofSeconds(20));
            await(() -> probe.get("/readyz").json().get("change_feed").asText().equals("listening"),
                    Duration.ofSeconds(20));
            assertThat(TestServers.admin(server).get(ImportApiTest.POLICIES).status()).isEqualTo(200);
        }
    }

    @Test
    void theChangeListenerReconnectsAfterItsDatabaseSessionIsTerminated() throws Exception {
        try (Database a = Database.open(url); Database b = Database.open(url);
                ChangeFeed feedA = ChangeFeed.of(a); ChangeFeed feedB = ChangeFeed.of(b)) {
            await(feedB::listening, Duration.ofSeconds(10));
            var reconnected = new CountDownLatch(1);
            feedB.subscribe(ChangeFeed.Channel.USERS, reconnected::countDown); // a reconnect fires every channel
            a.inTransaction(c -> {
                try (var st = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = current_database() and application_name = 'breakwater-change-listener'")) {
                    st.execute();
                }
                return null;
            });
            assertThat(reconnected.await(15, TimeUnit.SECONDS)).as("listener reconnected").isTrue();
            var afterReconnect = new CountDownLatch(1);
            feedB.subscribe(ChangeFeed.Channel.DESIRED_STATE, afterReconnect::countDown);

            feedA.publish(ChangeFeed.Channel.DESIRED_STATE);

            assertThat(afterReconnect.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + limit).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
