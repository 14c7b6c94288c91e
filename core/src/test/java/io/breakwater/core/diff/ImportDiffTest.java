package io.breakwater.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.diff.ObjectChange.Change;
import io.breakwater.core.eval.Outcome;
import io.breakwater.core.eval.RuleRef;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 000, on_error CONTINUE: "a change in the traffic behavior can be expected if the imported K8s network
 * policies and the skipped K8s network policies are applied to the same pod". knp1 (SCTP, cannot be imported)
 * and knp2 select the same pod; after the import knp2's DFW drop rule comes before knp1, which stays in the
 * cluster. The diff of the import names exactly the flows knp1 allowed alone.
 */
class ImportDiffTest {

    static final String CLUSTER = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-1, namespace: test-ns5, labels: {app: demo}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: other, labels: {app: client}}
            status: {podIP: 10.0.9.1}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp1, namespace: test-ns5, uid: u-knp1}
            spec:
              podSelector: {matchLabels: {app: demo}}
              ingress: [{ports: [{protocol: SCTP, port: 9}]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: knp2, namespace: test-ns5, uid: u-knp2}
            spec:
              podSelector: {matchLabels: {app: demo}}
              ingress: [{ports: [{port: 80}]}]
            """;

    private final K8sInput in = DiffInputs.read(CLUSTER);
    private final NsxConversion imported = NsxConverter.convert(in.policies(), in.inventory(),
            NsxOptions.of("c1").withOnError(OnError.CONTINUE));
    private final PolicyDiff diff = PolicyDiff.of(in.inventory(), new PolicySet.K8s(in.policies()),
            PolicySet.Dfw.afterImport(in.policies(), imported));

    @Test
    void theSkippedPolicysFlowsAreExactlyTheOnesThatChange() {
        assertThat(diff.connectivity().changes())
                .extracting(c -> c.from().toString(), c -> c.to().toString(), c -> c.traffic().toString(), FlowChange::kind)
                .containsExactly(
                        tuple("other/[client]", "test-ns5/[web-1]", "SCTP/9", "closed"),
                        tuple("0.0.0.0/0", "test-ns5/[web-1]", "SCTP/9", "closed"));
    }

    @Test
    void eachChangeNamesTheSkippedRuleBeforeAndTheImportedDropRuleAfter() {
        FlowChange change = diff.connectivity().changes().getFirst();

        assertThat(change.before().ingress().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(change.before().ingress().rules()).containsExactly(new RuleRef("test-ns5/knp1", "spec.ingress[0]", "Allow"));
        assertThat(change.after().ingress().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(change.after().ingress().rules()).singleElement()
                .satisfies(r -> assertThat(r.policy()).contains("knp2").endsWith("drop"))
                .satisfies(r -> assertThat(r.action()).isEqualTo("DROP"));
    }

    @Test
    void theImportedPolicyLeavesTheClusterAndItsDfwObjectsAreAdded() {
        assertThat(diff.objects().changes()).filteredOn(c -> c.kind().equals("NetworkPolicy"))
                .extracting(ObjectChange::id, ObjectChange::change)
                .containsExactly(tuple("test-ns5/knp2", Change.REMOVED));
        assertThat(diff.objects().changes()).filteredOn(c -> c.kind().equals("SecurityPolicy"))
                .extracting(ObjectChange::change).containsOnly(Change.ADDED).hasSize(2);
        assertThat(diff.objects().changes()).filteredOn(c -> c.kind().equals("Group"))
                .extracting(ObjectChange::change).containsOnly(Change.ADDED).isNotEmpty();
    }

    @Test
    void withAbortNothingIsImportedAndNoFlowChanges() {
        NsxConversion aborted = NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1").withOnError(OnError.ABORT));

        PolicyDiff d = PolicyDiff.of(in.inventory(), new PolicySet.K8s(in.policies()),
                PolicySet.Dfw.afterImport(in.policies(), aborted));

        assertThat(d.connectivity().changes()).isEmpty();
        assertThat(d.objects().changes()).isEmpty();
    }

    @Test
    void everyProtocolIsCoveredOverAllPorts() {
        assertThat(diff.connectivity().portRanges()).isGreaterThanOrEqualTo(Protocol.values().length);
        assertThat(List.of(diff.connectivity().before(), diff.connectivity().after())).containsExactly("k8s", "nsx");
    }
}
