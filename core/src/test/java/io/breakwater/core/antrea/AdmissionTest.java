package io.breakwater.core.antrea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AdmissionTest {

    @TestFactory
    Stream<DynamicTest> objectCases() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/antrea/admission-cases.yaml")) {
            cases = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        var tests = new ArrayList<DynamicTest>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("note").asText(), () -> {
                List<Problem> problems = Admission.check(c.get("object"));

                var want = new ArrayList<Tuple>();
                c.get("want").forEach(w -> want.add(tuple(w.get("path").asText(), Code.valueOf(w.get("code").asText()))));
                assertThat(problems).extracting(p -> p.path().text(), Problem::code).containsExactlyInAnyOrderElementsOf(want);
            }));
        }
        return tests.stream();
    }

    @Test
    void policyInAMissingTierIsRefused() {
        var spec = new ClusterNetworkPolicy.Spec("nowhere", 5, List.of(new Selection.Pods(Selector.ALL)),
                List.of(AntreaRule.ingress("a", RuleAction.ALLOW, List.of(), List.of(), List.of())), List.of());
        var set = new AntreaPolicySet(List.of(), List.of(), List.of(
                new ClusterNetworkPolicy(ObjectMeta.of("p", Map.of(), Map.of()), spec)));

        assertThat(Admission.check(set)).extracting(p -> p.path().text(), Problem::code)
                .containsExactly(tuple("spec.tier", Code.ANTREA_REFERENCE));
    }

    @Test
    void twoTiersWithOnePriorityAreRefused() {
        var a = new Tier(ObjectMeta.of("a", Map.of(), Map.of()), new Tier.Spec(10, ""));
        var b = new Tier(ObjectMeta.of("b", Map.of(), Map.of()), new Tier.Spec(10, ""));

        var problems = Admission.check(new AntreaPolicySet(List.of(a, b), List.of(), List.of()));

        assertThat(problems).extracting(p -> p.object().name(), Problem::code)
                .containsExactly(tuple("b", Code.ANTREA_TIER));
    }

    @Test
    void childGroupWithChildrenIsRefused() {
        var inner = new ClusterGroup(ObjectMeta.of("inner", Map.of(), Map.of()),
                new ClusterGroup.Children(List.of("leaf")));
        var outer = new ClusterGroup(ObjectMeta.of("outer", Map.of(), Map.of()),
                new ClusterGroup.Children(List.of("inner")));
        var leaf = new ClusterGroup(ObjectMeta.of("leaf", Map.of(), Map.of()), new ClusterGroup.Pods(Selector.ALL));

        var problems = Admission.check(new AntreaPolicySet(List.of(), List.of(inner, outer, leaf), List.of()));

        assertThat(problems).extracting(p -> p.object().name(), p -> p.path().text(), Problem::code)
                .containsExactly(tuple("outer", "spec.childGroups[0]", Code.ANTREA_REFERENCE));
    }

    @Test
    void referenceToAMissingGroupIsRefused() {
        var spec = new ClusterNetworkPolicy.Spec("application", 5, List.of(new Selection.GroupRef("ghost")),
                List.of(AntreaRule.ingress("a", RuleAction.ALLOW, List.of(), List.of(), List.of())), List.of());
        var set = new AntreaPolicySet(List.of(), List.of(), List.of(
                new ClusterNetworkPolicy(ObjectMeta.of("p", Map.of(), Map.of()), spec)));

        assertThat(Admission.check(set)).extracting(Problem::code).containsExactly(Code.ANTREA_REFERENCE);
    }
}
