package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrDifferenceTest {

    private static List<String> diff(String cidr, String... except) {
        return CidrDifference.of(Cidr.of(cidr), List.of(except).stream().map(Cidr::of).toList())
                .stream().map(Cidr::toString).toList();
    }

    @Test
    void noExceptKeepsTheBlock() {
        assertThat(diff("10.0.0.0/24")).containsExactly("10.0.0.0/24");
    }

    @Test
    void exceptAtTheStartLeavesTheHigherHalves() {
        assertThat(diff("10.0.0.0/24", "10.0.0.0/26")).containsExactly("10.0.0.64/26", "10.0.0.128/25");
    }

    @Test
    void twoExceptsLeaveExactlyTheRest() {
        assertThat(diff("10.0.0.0/24", "10.0.0.0/25", "10.0.0.192/26")).containsExactly("10.0.0.128/26");
    }

    @Test
    void singleAddressHoleInIpv6() {
        assertThat(diff("fd00::/126", "fd00::2/128"))
                .containsExactly(Cidr.of("fd00::/127").toString(), Cidr.of("fd00::3/128").toString());
    }
}
