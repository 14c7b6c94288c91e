package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.eval.Verdict;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 writes {@code except} as a deny rule ahead of the pass rule. First match then lets that deny block
 * what another NetworkPolicy selecting the same pods allows; the default form keeps Kubernetes' union.
 */
class ContrailExceptFormTest {

    private static final K8sInput IN = ContrailFixtures.input("except-overlap/cluster.yaml", "except-overlap/policies.yaml");

    private static Flow reportingToDb() {
        return new Flow(Endpoint.of(IN.inventory().pod("default", "reporting").orElseThrow()),
                Endpoint.of(IN.inventory().pod("default", "db").orElseThrow()), Protocol.TCP, PortRef.of(6379));
    }

    private static Verdict contrail(ExceptForm form) {
        var plan = ContrailConverter.convert(IN.policies(), IN.inventory(), ContrailOptions.defaults().withExceptForm(form));
        return ContrailEvaluator.of(IN.inventory(), plan.value()).evaluate(reportingToDb());
    }

    @Test
    void kubernetesAllowsTheFlowThroughTheSecondPolicy() {
        assertThat(K8sEvaluator.of(IN.inventory(), IN.policies()).evaluate(reportingToDb()).allowed()).isTrue();
    }

    @Test
    void seedFormDeniesTheFlowWithTheExceptRuleOfTheFirstPolicy() {
        Verdict verdict = contrail(ExceptForm.SEED_DENY_RULE);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.ingress().deciding()).extracting(r -> r.rule())
                .containsExactly("default-ingress-db-from-campus-0-ipBlock-0-172.17.1.0/24-0");
    }

    @Test
    void defaultFormAllowsTheFlowWithThePodSelectorRuleOfTheSecondPolicy() {
        Verdict verdict = contrail(ExceptForm.SPLIT_PREFIXES);

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.ingress().deciding()).extracting(r -> r.rule())
                .containsExactly("default-ingress-db-from-reporting-0-podSelector-0-0");
    }
}
