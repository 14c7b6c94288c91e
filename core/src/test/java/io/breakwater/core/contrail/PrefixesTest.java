package io.breakwater.core.contrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixesTest {

    @Test
    void cidrWithoutExceptStaysOnePrefix() {
        assertThat(Prefixes.subtract(Cidr.of("10.0.0.0/24"), List.of())).containsExactly(Cidr.of("10.0.0.0/24"));
    }

    @Test
    void exceptInTheMiddleLeavesThePrefixesAroundIt() {
        assertThat(Prefixes.subtract(Cidr.of("10.0.0.0/22"), List.of(Cidr.of("10.0.1.0/24"))))
                .containsExactly(Cidr.of("10.0.0.0/24"), Cidr.of("10.0.2.0/23"));
    }

    @Test
    void twoExceptsAreBothCutOut() {
        assertThat(Prefixes.subtract(Cidr.of("10.0.0.0/30"), List.of(Cidr.of("10.0.0.0/32"), Cidr.of("10.0.0.3/32"))))
                .containsExactly(Cidr.of("10.0.0.1/32"), Cidr.of("10.0.0.2/32"));
    }

    @Test
    void nestedExceptsCutTheLargerOne() {
        assertThat(Prefixes.subtract(Cidr.of("10.0.0.0/23"), List.of(Cidr.of("10.0.1.0/24"), Cidr.of("10.0.1.128/25"))))
                .containsExactly(Cidr.of("10.0.0.0/24"));
    }

    @Test
    void ipv6ExceptAcrossTheHalfWordIsCutOut() {
        assertThat(Prefixes.subtract(Cidr.of("fd00::/62"), List.of(Cidr.of("fd00:0:0:1::/64"))))
                .containsExactly(Cidr.of("fd00::/64"), Cidr.of("fd00:0:0:2::/63"));
    }

    @Test
    void ipv6ExceptInTheLowWordIsCutOut() {
        assertThat(Prefixes.subtract(Cidr.of("fd00::/127"), List.of(Cidr.of("fd00::/128"))))
                .containsExactly(Cidr.of("fd00::1/128"));
    }
}
