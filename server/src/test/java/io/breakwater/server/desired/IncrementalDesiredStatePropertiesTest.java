package io.breakwater.server.desired;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.importer.ImportRequest;
import io.breakwater.server.importer.Importer;
import io.breakwater.server.inventory.Clusters;
import io.breakwater.server.inventory.Ingest;
import io.breakwater.server.json.Json;
import io.breakwater.server.policy.PolicyKind;
import io.breakwater.server.policy.PolicyService;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental desired-state update against its oracle, the full recompute: random sequences of writes through
 * the real write paths (Policy API create/update/delete of groups with PathExpressions, policies and rules, scopes
 * and rule scopes moving between clusters, import tags, rollbacks, imports, the adapter's deleted report, a
 * cluster registered late) and after each one: the stored objects are exactly what a full recompute stores (it
 * finds nothing to change and moves no version), a cluster's version moved exactly when its objects changed, and
 * the delta since the previous version is exactly that change.
 */
class IncrementalDesiredStatePropertiesTest {

    static final String DOMAIN = PolicyKind.DOMAIN;
    static final List<String> CLUSTERS = List.of("a", "b", "c");
    static final int GROUPS = 6;
    static final int POLICIES = 6;
    static final int NETWORK_POLICIES = 6;

    Database db;
    DesiredStates desired;
    PolicyService policies;
    Clusters clusters;
    Importer importer;
    Realization realization;
    Random random;
    final List<String> registered = new ArrayList<>();

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    void start(long seed) {
        start(seed, "jdbc:h2:mem:incr-" + seed + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    void start(long seed, String jdbcUrl) {
        db = Database.open(jdbcUrl);
        desired = new DesiredStates(db);
        Clock clock = Clock.systemUTC();
        policies = new PolicyService(db, desired, clock);
        clusters = new Clusters(db, desired, clock);
        importer = new Importer(db, desired, clock);
        realization = new Realization(db, desired, clock);
        random = new Random(seed);
        for (String cluster : List.of("a", "b")) {
            register(cluster);
        }
        new Ingest(db, desired, clock).fullSync("a", inventory(), "test");
    }

    void register(String cluster) {
        clusters.register(cluster, Json.MAPPER.createObjectNode(), false, "test");
        registered.add(cluster);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyWriteStoresWhatAFullRecomputeStores(long seed) {
        start(seed);
        checkRandomWrites(seed, 150);
    }

    /** The same on PostgreSQL (its locking and SQL dialect), in a fresh schema; skipped without the test database. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12})
    void everyWriteStoresWhatAFullRecomputeStoresOnPostgres(long seed) {
        String url = System.getenv("BREAKWATER_TEST_PG_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null && !url.isBlank(),
                "BREAKWATER_TEST_PG_URL is not set: PostgreSQL store tests are skipped");
        String schema = "bw_incr_" + Long.toHexString(System.nanoTime());
        try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        start(seed, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        checkRandomWrites(seed, 80);
    }

    void checkRandomWrites(long seed, int steps) {
        Map<String, State> before = states();
        for (int step = 0; step < steps; step++) {
            String op = randomWrite();
            Map<String, State> after = states();
            String at = "seed " + seed + ", step " + step + ": " + op;
            assertFullRecomputeChangesNothing(at);
            for (String cluster : registered) {
                State was = before.getOrDefault(cluster, State.NONE);
                State now = after.get(cluster);
                assertThat(now.version() != was.version()).as(at + ": version of " + cluster + " moved")
                        .isEqualTo(!now.objects().equals(was.objects()) || was == State.NONE);
                if (was != State.NONE && now.version() != was.version()) {
                    assertDeltaIsTheChange(cluster, was, now, at);
                }
            }
            before = after;
        }
        for (String cluster : registered) {
            assertStreamedWholeDocumentIsTheStoredOne(cluster, before.get(cluster));
        }
    }

    /** The whole document as written to the adapter (streamed from the rows) against the tree and the rows. */
    void assertStreamedWholeDocumentIsTheStoredOne(String cluster, State stored) {
        ObjectNode streamed = desired.read(cluster, DesiredStates.WHOLE);
        assertThat(streamed).isEqualTo(Json.readObject(Json.write(desired.snapshot(cluster))));
        assertThat(streamed.get("version").asLong()).isEqualTo(stored.version());
        var keys = new TreeSet<String>();
        for (DesiredObjects.Kind kind : DesiredObjects.Kind.values()) {
            streamed.path(kind.field).forEach(o -> keys.add(kind.name() + ":" + o.path(kind.key).asText()));
        }
        assertThat(keys).isEqualTo(stored.objects().keySet());
        ObjectNode first = desired.read(cluster, -1);
        assertThat(first.get("delta").asBoolean(true)).isFalse();
        assertThat(first.get("reason").asText()).isEqualTo("no version given");
        first.remove(List.of("delta", "reason"));
        assertThat(first).isEqualTo(streamed);
    }

    /** The cluster's live objects (kind:key → body) and version, as stored. */
    record State(long version, Map<String, String> objects) {
        static final State NONE = new State(-1, Map.of());
    }

    Map<String, State> states() {
        return db.rolledBack(IncrementalDesiredStatePropertiesTest::states);
    }

    static Map<String, State> states(Connection c) throws SQLException {
        var out = new TreeMap<String, State>();
        try (var st = c.prepareStatement("select name, desired_version from cluster"); var rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new State(rs.getLong(2), new TreeMap<>()));
            }
        }
        try (var st = c.prepareStatement("select cluster, kind, path, body from desired_object where deleted = false");
                var rs = st.executeQuery()) {
            while (rs.next()) {
                out.get(rs.getString(1)).objects().put(rs.getString(2) + ":" + rs.getString(3), rs.getString(4));
            }
        }
        return out;
    }

    static Set<String> references(Connection c) throws SQLException {
        var out = new TreeSet<String>();
        try (var st = c.prepareStatement("select cluster, policy_path, group_path from desired_reference");
                var rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " -> " + rs.getString(3));
            }
        }
        return out;
    }

    /** The oracle: in a transaction that is rolled back, the full recompute over every row finds nothing to do. */
    void assertFullRecomputeChangesNothing(String at) {
        db.rolledBack(c -> {
            Map<String, State> stored = states(c);
            Set<String> storedReferences = references(c);
            desired.refresh(c);
            assertThat(states(c)).as(at + ": stored objects and versions vs a full recompute").isEqualTo(stored);
            assertThat(references(c)).as(at + ": references vs a full recompute").isEqualTo(storedReferences);
            return null;
        });
    }

    void assertDeltaIsTheChange(String cluster, State was, State now, String at) {
        ObjectNode delta = desired.read(cluster, was.version());
        assertThat(delta.path("delta").asBoolean()).as(at).isTrue();
        var changed = new TreeSet<String>();
        var removed = new TreeSet<String>();
        for (DesiredObjects.Kind kind : DesiredObjects.Kind.values()) {
            delta.path(kind.field).forEach(o -> changed.add(kind.name() + ":" + o.path(kind.key).asText()));
            delta.path(kind.removedField()).forEach(k -> removed.add(kind.name() + ":" + k.asText()));
        }
        var expectChanged = new TreeSet<String>();
        now.objects().forEach((key, body) -> {
            if (!body.equals(was.objects().get(key))) {
                expectChanged.add(key);
            }
        });
        var expectRemoved = new TreeSet<>(was.objects().keySet());
        expectRemoved.removeAll(now.objects().keySet());
        assertThat(changed).as(at + ": delta of " + cluster + " since " + was.version()).isEqualTo(expectChanged);
        assertThat(removed).as(at + ": removals in the delta of " + cluster).isEqualTo(expectRemoved);
    }

    // --- random writes through the real write paths ---

    String randomWrite() {
        int pick = random.nextInt(100);
        try {
            if (pick < 18) {
                return patchGroup();
            } else if (pick < 23) {
                return deleteGroup();
            } else if (pick < 43) {
                return putPolicy();
            } else if (pick < 58) {
                return patchRule();
            } else if (pick < 63) {
                return deleteRule();
            } else if (pick < 70) {
                return deletePolicy();
            } else if (pick < 78) {
                return rollback();
            } else if (pick < 88) {
                return importNetworkPolicy();
            } else if (pick < 94) {
                return reportDeleted();
            } else if (pick < 96 && !registered.contains("c")) {
                register("c");
                return "register cluster c";
            }
            return patchGroupDescription();
        } catch (DomainException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    String group(int i) {
        return DOMAIN + "/groups/g" + i;
    }

    String patchGroup() {
        int id = random.nextInt(GROUPS);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode expression = body.putArray("expression");
        if (random.nextBoolean()) {
            ArrayNode paths = expression.addObject().put("resource_type", "PathExpression").putArray("paths");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                paths.add(group(random.nextInt(GROUPS + 2))); // some name groups that never exist; cycles allowed
            }
        } else {
            expression.addObject().put("resource_type", "Condition").put("member_type", "Pod").put("key", "Tag")
                    .put("operator", "EQUALS").put("value", "app|" + random.nextInt(4));
        }
        policies.patch(PolicyKind.GROUP, DOMAIN, "g" + id, body, "test");
        return "PATCH group g" + id + " " + body;
    }

    String patchGroupDescription() {
        int id = random.nextInt(GROUPS);
        ObjectNode body = Json.MAPPER.createObjectNode().put("description", "d" + random.nextInt(3));
        policies.patch(PolicyKind.GROUP, DOMAIN, "g" + id, body, "test");
        return "PATCH group g" + id + " description";
    }

    String deleteGroup() {
        int id = random.nextInt(GROUPS);
        policies.delete(PolicyKind.GROUP, DOMAIN, "g" + id, "test");
        return "DELETE group g" + id;
    }

    /** Scope: some clusters' control planes and groups; rules with groups and a rule scope; maybe an import tag. */
    String putPolicy() {
        int id = random.nextInt(POLICIES);
        ObjectNode body = Json.MAPPER.createObjectNode().put("category", "Application");
        ArrayNode scope = body.putArray("scope");
        for (String cluster : CLUSTERS) {
            if (random.nextInt(3) == 0) {
                scope.add(DesiredStates.controlPlanePath(cluster));
            }
        }
        if (random.nextInt(3) == 0) {
            scope.add(group(random.nextInt(GROUPS)));
        }
        if (random.nextInt(4) == 0) {
            body.putArray("tags").addObject().put("scope", io.breakwater.core.nsx.ImportTags.CLUSTER)
                    .put("tag", CLUSTERS.get(random.nextInt(CLUSTERS.size())));
        }
        ArrayNode rules = body.putArray("rules");
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            rules.add(rule("r" + i));
        }
        String path = PolicyKind.SECURITY_POLICY.pathOf(DOMAIN, "p" + id);
        var existing = db.rolledBack(c -> io.breakwater.server.policy.PolicyStore.find(c, path, false));
        existing.ifPresent(row -> body.put("_revision", row.revision()));
        policies.put(PolicyKind.SECURITY_POLICY, DOMAIN, "p" + id, body, "test");
        return "PUT policy p" + id + " " + body;
    }

    ObjectNode rule(String id) {
        ObjectNode rule = Json.MAPPER.createObjectNode().put("id", id).put("action", "ALLOW")
                .put("direction", "IN");
        rule.set("source_groups", groups());
        rule.set("destination_groups", groups());
        rule.putArray("services").add("ANY");
        if (random.nextInt(4) == 0) {
            rule.putArray("scope").add(DesiredStates.controlPlanePath(CLUSTERS.get(random.nextInt(CLUSTERS.size()))));
        }
        rule.put("sequence_number", random.nextInt(10));
        return rule;
    }

    ArrayNode groups() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (random.nextInt(3) == 0) {
            return out.add("ANY");
        }
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            out.add(group(random.nextInt(GROUPS + 1)));
        }
        return out;
    }

    String patchRule() {
        int id = random.nextInt(POLICIES);
        String policy = PolicyKind.SECURITY_POLICY.pathOf(DOMAIN, "p" + id);
        String ruleId = "r" + random.nextInt(3);
        ObjectNode body = rule(ruleId);
        body.remove("id");
        policies.patch(PolicyKind.RULE, policy, ruleId, body, "test");
        return "PATCH rule " + ruleId + " of p" + id + " " + body;
    }

    String deleteRule() {
        int id = random.nextInt(POLICIES);
        String ruleId = "r" + random.nextInt(3);
        policies.delete(PolicyKind.RULE, PolicyKind.SECURITY_POLICY.pathOf(DOMAIN, "p" + id), ruleId, "test");
        return "DELETE rule " + ruleId + " of p" + id;
    }

    String deletePolicy() {
        int id = random.nextInt(POLICIES);
        policies.delete(PolicyKind.SECURITY_POLICY, DOMAIN, "p" + id, "test");
        return "DELETE policy p" + id;
    }

    String rollback() {
        long latest = db.rolledBack(io.breakwater.server.policy.Revisions::latest);
        if (latest < 2) {
            return "no revision to roll back to";
        }
        long to = Math.max(1, latest - 1 - random.nextInt((int) Math.min(latest - 1, 8)));
        policies.rollback(to, "test");
        return "rollback to " + to;
    }

    String importNetworkPolicy() {
        String uid = "np-" + random.nextInt(NETWORK_POLICIES);
        importer.run(new ImportRequest(List.of(uid), io.breakwater.core.nsx.OnError.CONTINUE, false,
                io.breakwater.core.nsx.Placement.AFTER_EXISTING), "test");
        return "import " + uid;
    }

    String reportDeleted() {
        String uid = "np-" + random.nextInt(NETWORK_POLICIES);
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.putArray("deleted_network_policies").add(uid);
        realization.report("a", report);
        return "adapter of a reports " + uid + " deleted";
    }

    /** Cluster a's inventory: a namespace, two pods and NetworkPolicies np-0 … np-5 to import. */
    static ObjectNode inventory() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("resource_version", "1");
        ArrayNode objects = body.putArray("objects");
        objects.add(Json.parseObject("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","uid":"ns-shop",
                 "labels":{"kubernetes.io/metadata.name":"shop"}}}"""));
        for (String app : List.of("web", "db")) {
            objects.add(Json.parseObject("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s-1","namespace":"shop","uid":"pod-%s",
                     "labels":{"app":"%s"}},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"i"}]},
                     "status":{"phase":"Running","podIP":"10.0.0.%d","podIPs":[{"ip":"10.0.0.%d"}]}}"""
                    .formatted(app, app, app, app.length(), app.length())));
        }
        for (int i = 0; i < NETWORK_POLICIES; i++) {
            objects.add(Json.parseObject("""
                    {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
                     "metadata":{"name":"np-%d","namespace":"shop","uid":"np-%d"},
                     "spec":{"podSelector":{"matchLabels":{"app":"%s"}},"policyTypes":["Ingress"],
                      "ingress":[{"from":[{"podSelector":{}}],"ports":[{"protocol":"TCP","port":%d}]}]}}"""
                    .formatted(i, i, i % 2 == 0 ? "web" : "db", 1000 + i)));
        }
        return body;
    }
}
