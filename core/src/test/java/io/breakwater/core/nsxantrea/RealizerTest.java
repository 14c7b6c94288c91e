package io.breakwater.core.nsxantrea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.antrea.Admission;
import io.breakwater.core.antrea.AntreaName;
import io.breakwater.core.antrea.AntreaPolicySet;
import io.breakwater.core.antrea.AntreaPort;
import io.breakwater.core.antrea.AntreaRule;
import io.breakwater.core.antrea.AntreaYaml;
import io.breakwater.core.antrea.ClusterGroup;
import io.breakwater.core.antrea.ClusterNetworkPolicy;
import io.breakwater.core.antrea.IpBlock;
import io.breakwater.core.antrea.Ownership;
import io.breakwater.core.antrea.RuleAction;
import io.breakwater.core.antrea.Selection;
import io.breakwater.core.antrea.Selector;
import io.breakwater.core.antrea.Tier;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.SecurityPolicy;
import io.breakwater.core.nsx.ServiceEntry;
import io.breakwater.core.nsx.Tag;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealizerTest {

    static final Group WEB = podGroup("web", "app|web");
    static final Group DB = podGroup("db", "app|db");

    static Group podGroup(String id, String tag) {
        return new Group(id, id, "", List.of("ANTREA"), List.of(
                new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS", tag)), List.of());
    }

    static DfwRule rule(String id, int seq, List<String> sources, List<String> destinations, String action,
                        String direction, List<ServiceEntry> services) {
        return new DfwRule(id, id, seq, sources, destinations, false, false, List.of("ANY"), services, List.of("ANY"),
                action, direction, null, false, false, "", "", List.of());
    }

    static SecurityPolicy policy(String id, int seq, List<DfwRule> rules, List<Tag> tags) {
        return new SecurityPolicy(id, id, "", "Application", seq, List.of(), true, true, rules, tags);
    }

    static final ServiceEntry PG = new ServiceEntry.L4PortSet("pg", "pg", "TCP", List.of(), List.of("5432"));

    static Result<AntreaPolicySet> dbAccess(DfwRule rule) {
        return Realizer.realize(List.of(policy("db-access", 120, List.of(rule), List.of())), List.of(WEB, DB),
                RealizeOptions.defaults());
    }

    @Test
    void designExampleRealizesAsOneIngressRuleFromWebToDb() {
        var r = dbAccess(rule("7", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of(PG)));

        ClusterNetworkPolicy acnp = r.value().policies().getFirst();
        assertThat(r.problems()).isEmpty();
        assertThat(acnp.name()).isEqualTo("bw-p-db-access");
        assertThat(acnp.spec().tier()).isEqualTo("bw-application");
        assertThat(acnp.spec().priority()).isEqualTo(1.12);
        assertThat(acnp.spec().ingress()).containsExactly(new AntreaRule("r-7", RuleAction.ALLOW,
                List.of(new Selection.GroupRef("bw-g-db")), List.of(new Selection.GroupRef("bw-g-web")), List.of(),
                List.of(new AntreaPort.Number("TCP", 5432)), List.of(), false, ""));
    }

    @Test
    void designExampleYamlIsWhatKubectlApplies() {
        var r = dbAccess(rule("7", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of(PG)));

        String yaml = AntreaYaml.write(List.of(r.value().policies().getFirst()));

        assertThat(yaml).startsWith("---\napiVersion: crd.antrea.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata:\n"
                + "  name: bw-p-db-access\n").contains("""
                spec:
                  tier: bw-application
                  priority: 1.12
                  ingress:
                  - name: r-7
                    action: Allow
                    appliedTo:
                    - group: bw-g-db
                    from:
                    - group: bw-g-web
                    ports:
                    - protocol: TCP
                      port: 5432
                    enableLogging: false
                """);
    }

    @Test
    void twoDifferentGroupsUnderOneIdAreAnError() {
        var rule = rule("7", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of(PG));
        var impostor = podGroup("db", "app|cache");

        var r = Realizer.realize(List.of(policy("db-access", 120, List.of(rule), List.of())), List.of(WEB, DB, impostor),
                RealizeOptions.defaults());

        assertThat(r.errors()).singleElement().hasToString(
                "db: id: two NSX groups with different members share this id; one ClusterGroup cannot hold both");
    }

    @Test
    void inOutRuleBecomesAnIngressAndAnEgressRule() {
        var r = dbAccess(rule("9", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "DROP", "IN_OUT", List.of()));

        var spec = r.value().policies().getFirst().spec();
        assertThat(spec.ingress()).extracting(AntreaRule::name, AntreaRule::appliedTo, AntreaRule::from).containsExactly(
                tuple("r-9-in", List.of(new Selection.GroupRef("bw-g-db")), List.of(new Selection.GroupRef("bw-g-web"))));
        assertThat(spec.egress()).extracting(AntreaRule::name, AntreaRule::appliedTo, AntreaRule::to).containsExactly(
                tuple("r-9-out", List.of(new Selection.GroupRef("bw-g-web")), List.of(new Selection.GroupRef("bw-g-db"))));
    }

    @Test
    void rulesKeepSequenceOrderAndDisabledRulesAreLeftOut() {
        var late = rule("a", 20, List.of("ANY"), List.of(Group.pathOf("db")), "DROP", "IN", List.of());
        var early = rule("b", 10, List.of("ANY"), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of(PG));
        var off = new DfwRule("c", "c", 5, List.of("ANY"), List.of(Group.pathOf("db")), false, false, List.of("ANY"),
                List.of(), List.of("ANY"), "DROP", "IN", null, false, true, "", "", List.of());

        var r = Realizer.realize(List.of(policy("p", 1, List.of(late, early, off), List.of())), List.of(DB),
                RealizeOptions.defaults());

        assertThat(r.value().policies().getFirst().spec().ingress()).extracting(AntreaRule::name)
                .containsExactly("r-b", "r-a");
    }

    @Test
    void groupBecomesParentWithOneChildPerCriterion() {
        var either = new Group("either", "either", "", List.of("ANTREA"), List.of(
                new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS", "app|web"), Expression.Conjunction.OR,
                new Expression.Nested(List.of(new Expression.Condition("Namespace", "Name", "EQUALS", "EQUALS", "shop"),
                        Expression.Conjunction.AND, new Expression.Condition("Pod", "Tag", "NOTIN", "EQUALS", "tier|a,b")))),
                List.of());

        var r = Realizer.realize(List.of(policy("p", 1, List.of(rule("1", 1, List.of(Group.pathOf("either")),
                List.of("ANY"), "ALLOW", "OUT", List.of())), List.of())), List.of(either), RealizeOptions.defaults());

        assertThat(r.value().groups()).extracting(ClusterGroup::name, ClusterGroup::spec).contains(
                tuple("bw-g-either", new ClusterGroup.Children(List.of("bw-g-either-0", "bw-g-either-1"))),
                tuple("bw-g-either-0", new ClusterGroup.PodsInNamespaces(Selector.namespaceNamed("shop"),
                        new Selector(List.of(new Selector.Term("tier", "NotIn", List.of("a", "b")))))),
                tuple("bw-g-either-1", new ClusterGroup.Pods(new Selector(List.of(
                        new Selector.Term("app", "In", List.of("web")))))));
    }

    @Test
    void ipGroupBecomesIpBlocksWithRangesCovered() {
        var ips = new Group("ext", "ext", "", List.of("IPAddress"), List.of(
                new Expression.IpAddresses(List.of("8.8.8.8", "10.0.0.0/24", "192.168.0.1-192.168.0.6"))), List.of());

        var r = Realizer.realize(List.of(policy("p", 1, List.of(rule("1", 1, List.of("ANY"), List.of(Group.pathOf("ext")),
                "ALLOW", "OUT", List.of())), List.of())), List.of(ips), RealizeOptions.defaults());

        assertThat(r.value().groups()).filteredOn(g -> g.name().equals("bw-g-ext-0")).extracting(ClusterGroup::spec)
                .containsExactly(new ClusterGroup.IpBlocks(List.of("8.8.8.8/32", "10.0.0.0/24", "192.168.0.1/32",
                        "192.168.0.2/31", "192.168.0.4/31", "192.168.0.6/32").stream()
                        .map(c -> new IpBlock(c, List.of())).toList()));
    }

    @Test
    void jumpToApplicationIsReportedAtItsRuleAndTheRestIsRealized() {
        var jump = rule("j", 1, List.of("ANY"), List.of(Group.pathOf("db")), "JUMP_TO_APPLICATION", "IN", List.of());
        var allow = rule("k", 2, List.of("ANY"), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of());

        var r = Realizer.realize(List.of(policy("p", 1, List.of(jump, allow), List.of())), List.of(DB),
                RealizeOptions.defaults());

        assertThat(r.problems()).extracting(p -> p.object().name(), p -> p.path().text(), Problem::code)
                .containsExactly(tuple("p", "rules[0].action", Code.UNREALIZABLE));
        assertThat(r.value().policies().getFirst().spec().ingress()).extracting(AntreaRule::name).containsExactly("r-k");
    }

    @Test
    void podNameConditionIsUnrealizable() {
        var byName = new Group("named", "named", "", List.of("ANTREA"), List.of(
                new Expression.Condition("Pod", "Name", "EQUALS", "EQUALS", "web-0")), List.of());

        var r = Realizer.realize(List.of(policy("p", 1, List.of(rule("1", 1, List.of(Group.pathOf("named")),
                List.of("ANY"), "ALLOW", "OUT", List.of())), List.of())), List.of(byName), RealizeOptions.defaults());

        assertThat(r.problems()).extracting(p -> p.path().text(), Problem::code)
                .containsExactly(tuple("rules[0].source_groups[0]", Code.UNREALIZABLE));
    }

    @Test
    void importTagsBecomeLabelsInLabelSyntax() {
        var tags = List.of(new Tag("breakwater.io/cluster", "prod"), new Tag("breakwater.io/network-policy", "allow web!"));

        var r = Realizer.realize(List.of(policy("p", 1, List.of(rule("1", 1, List.of("ANY"), List.of(Group.pathOf("db")),
                "ALLOW", "IN", List.of())), tags)), List.of(DB), RealizeOptions.defaults());

        var labels = r.value().policies().getFirst().metadata().labels();
        assertThat(labels).containsEntry("breakwater.io/cluster", "prod")
                .containsEntry("app.kubernetes.io/managed-by", "breakwater")
                .containsEntry("breakwater.io/category", "application");
        assertThat(labels.get("breakwater.io/network-policy")).startsWith("allow-web-").hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void specHashChangesWithTheSpecOnly() {
        var a = dbAccess(rule("7", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "ALLOW", "IN", List.of(PG)));
        var b = dbAccess(rule("7", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "DROP", "IN", List.of(PG)));

        String hashA = a.value().policies().getFirst().metadata().annotations().get(Ownership.SPEC_HASH);
        String hashB = b.value().policies().getFirst().metadata().annotations().get(Ownership.SPEC_HASH);

        assertThat(hashA).hasSize(64).isNotEqualTo(hashB);
    }

    @Test
    void invalidNsxIdGetsACleanedNameWithAHash() {
        assertThat(AntreaName.ofId("My_Policy")).matches("my-policy-[0-9a-f]{8}");
    }

    @Test
    void everyRealizedObjectIsAdmitted() {
        var r = dbAccess(rule("9", 1, List.of(Group.pathOf("web")), List.of(Group.pathOf("db")), "REJECT", "IN_OUT", List.of(PG)));

        assertThat(Admission.check(r.value())).isEmpty();
        assertThat(r.value().tiers()).extracting(Tier::name, Tier::priority).containsExactly(
                tuple("bw-emergency", 10), tuple("bw-infrastructure", 20), tuple("bw-environment", 30),
                tuple("bw-application", 40));
    }
}
