package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.contrail.ContrailOptions.ExceptForm;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.eval.Matrix;
import io.breakwater.core.eval.PortRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import org.junit.jupiter.api.Test;

/** An upstream e2e case outside the shared folder where the seed's except form and Kubernetes part ways. */
class ContrailUpstreamCaseTest {

    private static final K8sInput IN = ContrailFixtures.input(
            "upstream/cluster.yaml", "upstream/except-and-cidr.yaml");

    private static Matrix contrail(ExceptForm form) {
        var plan = ContrailConverter.convert(IN.policies(), IN.inventory(), ContrailOptions.defaults().withExceptForm(form));
        return ContrailEvaluator.of(IN.inventory(), plan.value()).matrix(Protocol.TCP, PortRef.of(80));
    }

    private static Matrix kubernetes() {
        return K8sEvaluator.of(IN.inventory(), IN.policies()).matrix(Protocol.TCP, PortRef.of(80));
    }

    @Test
    void kubernetesLetsClientAReachOnlyNamespaceY() {
        assertThat(kubernetes().rows().getFirst()).isEqualTo("-XX...XXX");
    }

    @Test
    void defaultFormGivesTheKubernetesMatrix() {
        assertThat(contrail(ExceptForm.SPLIT_PREFIXES).rows()).isEqualTo(kubernetes().rows());
    }

    @Test
    void seedFormBlocksTheAddressTheSecondPolicyAllows() {
        assertThat(contrail(ExceptForm.SEED_DENY_RULE).rows().getFirst()).isEqualTo("-XX.X.XXX");
    }
}
