package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BitRowsTest {

    @Property
    void transposeMovesBitJOfRowIToBitIOfRowJ(@ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
        var random = new java.util.Random(seed);
        long[][] rows = new long[n][BitRows.words(n)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (random.nextInt(3) == 0) {
                    BitRows.set(rows[i], j);
                }
            }
        }

        long[][] transposed = BitRows.transpose(rows, n);

        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(BitRows.get(transposed[j], i)).as("bit %d,%d", i, j).isEqualTo(BitRows.get(rows[i], j));
            }
        }
    }
}
