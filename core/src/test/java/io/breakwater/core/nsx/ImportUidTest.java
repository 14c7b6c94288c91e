package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.breakwater.core.problem.Code;
import org.junit.jupiter.api.Test;

/** Objects are named after the NetworkPolicy uid (seed 000); policies read from files may lack one or repeat one. */
class ImportUidTest {

    static final String TWO_WITHOUT_UID = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: a, namespace: shop}
            spec: {podSelector: {}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: b, namespace: shop}
            spec: {podSelector: {}}
            """;

    @Test
    void policiesWithoutUidGetDistinctDerivedUidsAndAWarning() {
        NsxConversion c = Inputs.convert(TWO_WITHOUT_UID);

        assertThat(c.errors()).isEmpty();
        assertThat(c.groups()).extracting(Group::id).doesNotHaveDuplicates().hasSize(2)
                .allSatisfy(id -> assertThat(id).matches("c1-shop-[0-9a-f-]{36}"));
        assertThat(c.warnings()).extracting(w -> w.problem().code(), ImportError::path)
                .containsExactly(tuple(Code.DERIVED_UID, "metadata.uid"), tuple(Code.DERIVED_UID, "metadata.uid"));
    }

    @Test
    void derivedUidIsTheSameOnEveryRun() {
        NsxConversion first = Inputs.convert(TWO_WITHOUT_UID);
        NsxConversion second = Inputs.convert(TWO_WITHOUT_UID);

        assertThat(first.securityPolicies()).isEqualTo(second.securityPolicies());
    }

    @Test
    void secondPolicyWithTheSameUidIsRejected() {
        String sameUid = TWO_WITHOUT_UID.replace("namespace: shop}", "namespace: shop, uid: u-1}");

        NsxConversion c = Inputs.convert(sameUid);

        assertThat(c.errors()).extracting(ImportError::name, w -> w.problem().code(), ImportError::path)
                .containsExactly(tuple("b", Code.DUPLICATE_UID, "metadata.uid"));
    }
}
