package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IpItemIndexTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text).orElseThrow();
    }

    private static List<String> covering(IpItemIndex index, String address) {
        var keys = new ArrayList<String>();
        index.forEachCovering(ip(address), keys::add);
        return keys;
    }

    @Test
    void aCidrItemIsFoundByItsFirstAndLastAddressAndNotByTheNeighbours() {
        var index = new IpItemIndex();
        index.add("10.1.2.0/24", ip("10.1.2.0"), ip("10.1.2.255"));
        assertThat(covering(index, "10.1.2.0")).containsExactly("10.1.2.0/24");
        assertThat(covering(index, "10.1.2.255")).containsExactly("10.1.2.0/24");
        assertThat(covering(index, "10.1.1.255")).isEmpty();
        assertThat(covering(index, "10.1.3.0")).isEmpty();
    }

    @Test
    void aRangeThatIsNoCidrIsFiledUnderTheFewestPrefixesThatHoldIt() {
        assertThat(IpItemIndex.prefixes(ip("10.0.0.1"), ip("10.0.0.6")).stream().map(Cidr::toString))
                .containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        assertThat(IpItemIndex.prefixes(ip("0.0.0.0"), ip("255.255.255.255")).stream().map(Cidr::toString))
                .containsExactly("0.0.0.0/0");
    }

    @Test
    void overlappingItemsAreAllFoundAndAnotherFamilyIsNot() {
        var index = new IpItemIndex();
        index.add("wide", ip("10.0.0.0"), ip("10.0.255.255"));
        index.add("narrow", ip("10.0.0.5"), ip("10.0.0.5"));
        index.add("v6", ip("fd00::"), ip("fd00::ffff"));
        assertThat(covering(index, "10.0.0.5")).containsExactlyInAnyOrder("wide", "narrow");
        assertThat(covering(index, "fd00::5")).containsExactly("v6");
        assertThat(covering(index, "::a00:5")).isEmpty();
    }

    @Property(tries = 300)
    void everyAddressFindsExactlyTheRangesThatHoldIt(@ForAll @IntRange(max = 63) int a1,
                                                     @ForAll @IntRange(max = 63) int a2,
                                                     @ForAll @IntRange(max = 63) int b1,
                                                     @ForAll @IntRange(max = 63) int b2) {
        var index = new IpItemIndex();
        int[][] ranges = {{Math.min(a1, a2), Math.max(a1, a2)}, {Math.min(b1, b2), Math.max(b1, b2)}};
        for (int r = 0; r < ranges.length; r++) {
            index.add("r" + r, IpAddress.v4(0x0A000000L + ranges[r][0]), IpAddress.v4(0x0A000000L + ranges[r][1]));
        }
        for (int host = 0; host < 72; host++) {
            var expected = new TreeSet<String>();
            for (int r = 0; r < ranges.length; r++) {
                if (ranges[r][0] <= host && host <= ranges[r][1]) {
                    expected.add("r" + r);
                }
            }
            var found = new ArrayList<String>();
            index.forEachCovering(IpAddress.v4(0x0A000000L + host), found::add);
            assertThat(found).as("10.0.0.%d", host).hasSize(expected.size());
            assertThat(new TreeSet<>(found)).isEqualTo(expected);
        }
    }
}
