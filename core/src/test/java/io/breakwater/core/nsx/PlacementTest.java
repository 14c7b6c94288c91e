package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.core.k8s.Inventory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    static final String TWO_POLICIES = SeedExamplesTest.EXAMPLE_1 + "---\n" + SeedExamplesTest.EXAMPLE_3;

    private static SecurityPolicy existing(String category, int sequence) {
        return new SecurityPolicy("p" + sequence, "p" + sequence, "", category, sequence, List.of(), true, true,
                List.of(), List.of());
    }

    @Test
    void everyAllowPrecedesEveryDrop() {
        NsxConversion c = Inputs.convert(TWO_POLICIES);

        assertThat(c.securityPolicies()).extracting(p -> p.displayName().substring(p.displayName().lastIndexOf('-')))
                .containsExactly("-allow", "-allow", "-drop", "-drop");
        assertThat(c.securityPolicies()).extracting(SecurityPolicy::sequenceNumber).containsExactly(1, 1, 2, 2);
    }

    @Test
    void defaultsGoAfterTheLastExistingApplicationPolicy() {
        var options = NsxOptions.of("c1").withExistingApplicationPolicies(
                List.of(existing("Application", 40), existing("Application", 7), existing("Emergency", 900)));

        NsxConversion c = NsxConverter.convert(Inputs.policies(TWO_POLICIES), Inventory.EMPTY, options);

        assertThat(c.securityPolicies()).extracting(SecurityPolicy::sequenceNumber).containsExactly(41, 41, 42, 42);
    }

    @Test
    void givenNumbersPlaceAllowsAtUpperAndDropsAtLower() {
        var options = NsxOptions.of("c1").withPlacement(new Placement.Fixed(1000, 2000));

        NsxConversion c = NsxConverter.convert(Inputs.policies(TWO_POLICIES), Inventory.EMPTY, options);

        assertThat(c.securityPolicies()).extracting(SecurityPolicy::sequenceNumber)
                .containsExactly(1000, 1000, 2000, 2000);
    }

    @Test
    void lowerMustBeAfterUpper() {
        assertThatThrownBy(() -> new Placement.Fixed(2000, 1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
