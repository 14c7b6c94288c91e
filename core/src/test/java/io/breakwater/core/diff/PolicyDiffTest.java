package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.diff.ObjectChange.Change;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.DfwRule;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.SecurityPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantic diff of two NetworkPolicy sets (and of two DFW configurations) on one inventory. */
class PolicyDiffTest {

    static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: api-0, namespace: shop, labels: {app: api}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-1, namespace: shop, labels: {app: api}}
            status: {podIP: 10.0.0.2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: shop, labels: {app: web}}
            status: {podIP: 10.0.0.3}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: shop, labels: {app: web}}
            status: {podIP: 10.0.0.4}
            """;

    static final String API_FROM_WEB = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-from-web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: %s}]}]
            """;

    static final String API_FROM_PARTNERS = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-from-partners, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress: [{from: [{ipBlock: {cidr: 192.168.0.0/16%s}}], ports: [{port: 443}]}]
            """;

    private static K8sInput input(String policies) {
        return DiffInputs.read(PODS + policies);
    }

    private static PolicyDiff diff(String before, String after) {
        K8sInput a = input(before);
        return PolicyDiff.of(a.inventory(), new PolicySet.K8s(a.policies()), new PolicySet.K8s(input(after).policies()));
    }

    @Test
    void wideningAPortToARangeOpensExactlyTheNewPortsFoldedIntoOneRange() {
        PolicyDiff d = diff(API_FROM_WEB.formatted("8080"), API_FROM_WEB.formatted("8080, endPort: 8090"));

        assertThat(d.connectivity().changes())
                .extracting(c -> c.from().toString(), c -> c.to().toString(), c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("shop/[web-0,web-1]", "shop/[api-0,api-1]", "TCP/8081-8090", "opened"));
    }

    @Test
    void aChangeNamesTheDecidingRuleBeforeAndAfter() {
        FlowChange change = diff(API_FROM_WEB.formatted("8080"), API_FROM_WEB.formatted("8080, endPort: 8090"))
                .connectivity().changes().getFirst();

        assertThat(change.before().ingress().rules()).isEmpty();
        assertThat(change.before().ingress().isolatedBy()).containsExactly("shop/api-from-web");
        assertThat(change.after().ingress().rules())
                .containsExactly(new RuleRef("shop/api-from-web", "spec.ingress[0]", "Allow"));
    }

    @Test
    void anExceptAddedToAnIpBlockClosesExactlyTheExceptedAddresses() {
        PolicyDiff d = diff(API_FROM_PARTNERS.formatted(""), API_FROM_PARTNERS.formatted(", except: [192.168.7.0/24]"));

        assertThat(d.connectivity().changes())
                .extracting(c -> c.from().toString(), c -> c.to().toString(), c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("192.168.7.0/24", "shop/[api-0,api-1]", "TCP/443", "closed"));
    }

    @Test
    void aNewDefaultDenyClosesEveryFlowIntoTheNamespaceButNotWhatAPolicyAllows() {
        String deny = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: shop}
                spec: {podSelector: {}}
                """;
        PolicyDiff d = diff(API_FROM_WEB.formatted("8080"), API_FROM_WEB.formatted("8080") + deny);

        assertThat(d.connectivity().changes()).allMatch(c -> c.kind().equals("closed"))
                .extracting(c -> c.to().toString()).containsOnly("shop/[web-0,web-1]");
        assertThat(d.connectivity().changes()).extracting(c -> c.from().toString(), c -> c.traffic().toString())
                .contains(tuple("shop/[web-0,web-1]", "TCP/any"), tuple("shop/[api-0,api-1]", "UDP/any"),
                        tuple("0.0.0.0/0", "SCTP/any"));
    }

    @Test
    void identicalSetsDifferInNothing() {
        PolicyDiff d = diff(API_FROM_WEB.formatted("8080"), API_FROM_WEB.formatted("8080"));

        assertThat(d.objects().isEmpty()).isTrue();
        assertThat(d.connectivity().isEmpty()).isTrue();
    }

    @Test
    void theObjectDiffNamesPoliciesAndRulesAddedRemovedAndChanged() {
        PolicyDiff d = diff(API_FROM_WEB.formatted("8080") + API_FROM_PARTNERS.formatted(""),
                API_FROM_WEB.formatted("9090"));

        assertThat(d.objects().changes()).extracting(ObjectChange::kind, ObjectChange::id, ObjectChange::change,
                        ObjectChange::fields)
                .containsExactly(
                        tuple("NetworkPolicy", "shop/api-from-partners", Change.REMOVED, List.of()),
                        tuple("Rule", "shop/api-from-web/spec.ingress[0]", Change.CHANGED, List.of("ports")));
    }

    @Test
    void aDfwRuleTurnedFromAllowToDropClosesItsFlowsWithTheRuleOnBothSides() {
        K8sInput in = input(API_FROM_WEB.formatted("8080"));
        NsxConversion c = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
        PolicySet before = PolicySet.Dfw.of(c.groups(), c.securityPolicies());
        PolicySet after = PolicySet.Dfw.of(c.groups(), dropEverything(c.securityPolicies()));

        PolicyDiff d = PolicyDiff.of(in.inventory(), before, after);

        assertThat(d.connectivity().changes())
                .extracting(x -> x.from().toString(), x -> x.to().toString(), x -> x.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("shop/[web-0,web-1]", "shop/[api-0,api-1]", "TCP/8080", "closed"));
        FlowChange change = d.connectivity().changes().getFirst();
        assertThat(change.before().ingress().rules()).extracting(RuleRef::action).containsExactly("ALLOW");
        assertThat(change.after().ingress().rules()).extracting(RuleRef::rule)
                .isEqualTo(change.before().ingress().rules().stream().map(RuleRef::rule).toList());
        assertThat(d.objects().changes()).extracting(ObjectChange::kind, ObjectChange::change, ObjectChange::fields)
                .containsExactly(tuple("Rule", Change.CHANGED, List.of("action")));
    }

    private static List<SecurityPolicy> dropEverything(List<SecurityPolicy> policies) {
        var out = new ArrayList<SecurityPolicy>();
        for (SecurityPolicy p : policies) {
            List<DfwRule> rules = p.rules().stream().map(r -> new DfwRule(r.id(), r.displayName(), r.sequenceNumber(),
                    r.sourceGroups(), r.destinationGroups(), r.sourcesExcluded(), r.destinationsExcluded(), r.services(),
                    r.serviceEntries(), r.scope(), "DROP", r.direction(), r.ipProtocol(), r.logged(), r.disabled(),
                    r.tag(), r.notes(), r.tags())).toList();
            out.add(new SecurityPolicy(p.id(), p.displayName(), p.description(), p.category(), p.sequenceNumber(),
                    p.scope(), p.stateful(), p.tcpStrict(), p.id().endsWith("allow") ? rules : p.rules(), p.tags()));
        }
        return out;
    }

    @Test
    void movingAPortClosesTheOldPortAndOpensTheNewOne() {
        PolicyDiff d = diff(API_FROM_WEB.formatted("8080"), API_FROM_WEB.formatted("8081"));

        assertThat(d.connectivity().changes()).extracting(c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(tuple("TCP/8080", "closed"), tuple("TCP/8081", "opened"));
    }
}
