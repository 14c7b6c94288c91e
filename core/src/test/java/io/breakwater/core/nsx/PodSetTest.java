package io.breakwater.core.nsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PodSetTest {

    /** A set of indexes clustered in one stretch, as a group of one namespace's pods is. */
    private static BitSet clustered(Random random, int size) {
        var bits = new BitSet();
        int from = random.nextInt(size);
        int to = Math.min(size, from + 1 + random.nextInt(300));
        for (int i = from; i < to; i++) {
            if (random.nextInt(3) == 0) {
                bits.set(i);
            }
        }
        return bits;
    }

    @Property
    void andOrAndNotGiveWhatBitSetGives(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2_000) int size) {
        var random = new Random(seed);
        BitSet a = clustered(random, size);
        BitSet b = clustered(random, size);

        BitSet and = (BitSet) a.clone();
        and.and(b);
        BitSet or = (BitSet) a.clone();
        or.or(b);
        BitSet andNot = (BitSet) a.clone();
        andNot.andNot(b);

        assertThat(PodSet.of(a).and(PodSet.of(b)).toBitSet()).isEqualTo(and);
        assertThat(PodSet.of(a).or(PodSet.of(b)).toBitSet()).isEqualTo(or);
        assertThat(PodSet.of(a).andNot(PodSet.of(b)).toBitSet()).isEqualTo(andNot);
        assertThat(PodSet.of(a).cardinality()).isEqualTo(a.cardinality());
    }

    @Property
    void getAndNextSetBitAgreeWithBitSet(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2_100) int probe) {
        BitSet bits = clustered(new Random(seed), 2_000);
        PodSet set = PodSet.of(bits);

        assertThat(set.get(probe)).isEqualTo(bits.get(probe));
        assertThat(set.nextSetBit(probe)).isEqualTo(bits.nextSetBit(probe));
    }

    @Property
    void rangeHoldsExactlyItsIndexes(@ForAll @IntRange(min = 0, max = 500) int from,
                                     @ForAll @IntRange(min = 0, max = 300) int length) {
        var expected = new BitSet();
        expected.set(from, from + length);

        assertThat(PodSet.range(from, from + length).toBitSet()).isEqualTo(expected);
    }

    @Test
    void aSetOfOneNamespacesPodsHoldsOnlyTheWordsItNeeds() {
        PodSet fourPodsFarIn = PodSet.range(99_996, 100_000);

        assertThat(fourPodsFarIn).isEqualTo(PodSet.of(99_996, 99_997, 99_998, 99_999));
        assertThat(fourPodsFarIn.wordCount()).isEqualTo(1);
        assertThat(fourPodsFarIn.nextSetBit(0)).isEqualTo(99_996);
        assertThat(fourPodsFarIn.get(5)).isFalse();
    }
}
