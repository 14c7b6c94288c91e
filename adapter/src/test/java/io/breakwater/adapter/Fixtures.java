package io.breakwater.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaObject;
import io.breakwater.adapter.realize.Ownership;
import io.breakwater.adapter.realize.Realization;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sample desired states and Antrea objects shared by the adapter tests. */
public final class Fixtures {
    public static final String OWNER = "bw-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static AntreaObject tier() {
        return new AntreaObject(AntreaKind.TIER, "bw-application", Map.of(Ownership.ROLE, "tier"), Map.of(),
                json("{'priority': 40, 'description': 'NSX category Application'}"));
    }

    public static AntreaObject childGroup(String id, String app) {
        return new AntreaObject(AntreaKind.CLUSTER_GROUP, "bw-g-" + id + "-0", Map.of(Ownership.ROLE, "group-member"),
                Map.of(Ownership.PARENT, "bw-g-" + id),
                json("{'podSelector': {'matchExpressions': [{'key': 'app', 'operator': 'In', 'values': ['" + app + "']}]}}"));
    }

    public static AntreaObject parentGroup(String id) {
        return new AntreaObject(AntreaKind.CLUSTER_GROUP, "bw-g-" + id, Map.of(Ownership.ROLE, "group"), Map.of(),
                json("{'childGroups': ['bw-g-" + id + "-0']}"));
    }

    public static AntreaObject policy(String id, String from, String to) {
        return new AntreaObject(AntreaKind.CLUSTER_NETWORK_POLICY, "bw-p-" + id, Map.of(Ownership.ROLE, "policy"),
                Map.of(Ownership.SOURCE_PATH, "/infra/domains/default/security-policies/" + id),
                json("{'tier': 'bw-application', 'priority': 1.12, 'ingress': [{'name': 'r-1', 'action': 'Allow',"
                        + " 'appliedTo': [{'group': 'bw-g-" + to + "'}], 'from': [{'group': 'bw-g-" + from + "'}],"
                        + " 'ports': [{'protocol': 'TCP', 'port': 5432}], 'enableLogging': false}]}"));
    }

    /** Desired state: groups {@code web} and {@code db}, policy {@code db-access} web → db TCP 5432. */
    public static DesiredState webToDb(long version) {
        return new DesiredState(version, List.of(group("web"), group("db")),
                List.of(securityPolicy("db-access", "web", "db")), List.of());
    }

    public static Group group(String app) {
        return new Group(app, app, "", List.of("ANTREA"),
                List.of(new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|" + app)), List.of());
    }

    public static SecurityPolicy securityPolicy(String id, String from, String to) {
        var rule = new DfwRule("1", "r1", 1, List.of(Group.pathOf(from)), List.of(Group.pathOf(to)), false, false,
                List.of(), List.of(), List.of(), "ALLOW", "IN", null, false, false, null, null, List.of());
        return new SecurityPolicy(id, id, "", "Application", 120, List.of(), true, false, List.of(rule), List.of());
    }

    /**
     * Stand-in for the core realization: Tier, one parent + child group per NSX group (selecting {@code app=<id>}),
     * one ACNP per policy with its first rule's first source and destination group.
     */
    public static Realization realization() {
        return state -> {
            var objects = new ArrayList<AntreaObject>();
            objects.add(tier());
            for (var g : state.groups()) {
                objects.add(childGroup(g.id(), g.id()));
                objects.add(parentGroup(g.id()));
            }
            for (var p : state.securityPolicies()) {
                var rule = p.rules().getFirst();
                objects.add(policy(p.id(), idOf(rule.sourceGroups().getFirst()), idOf(rule.destinationGroups().getFirst())));
            }
            return new Realization.Realized(objects, List.of());
        };
    }

    private static String idOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** CRUD mode serves a custom resource only once it knows its plural and scope. */
    public static void registerAntreaCrds(KubernetesMockServer server) {
        for (var kind : AntreaKind.values()) {
            server.expectCustomResource(kind.crdContext());
        }
        for (var kind : io.breakwater.adapter.health.MonitoringKind.values()) {
            server.expectCustomResource(kind.crdContext());
        }
        for (var kind : io.breakwater.adapter.stats.StatsKind.values()) {
            server.expectCustomResource(kind.crdContext());
        }
        server.expectCustomResource(io.breakwater.adapter.traceflow.TraceflowKind.crdContext());
    }
}
