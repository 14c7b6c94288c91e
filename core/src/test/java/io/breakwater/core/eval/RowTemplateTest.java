package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RowTemplateTest {

    @Property
    void everyCellIsTheBitOfThePodsClass(@ForAll @IntRange(min = 1, max = 300) int pods,
            @ForAll boolean podIsClass, @ForAll long seed) {
        var random = new Random(seed);
        int[] classOf = new int[pods];
        for (int j = 0; j < pods; j++) {
            classOf[j] = podIsClass ? j : random.nextInt(pods);
        }
        long[] allowed = new long[BitRows.words(pods)];
        for (int c = 0; c < pods; c++) {
            if (random.nextBoolean()) {
                BitRows.set(allowed, c);
            }
        }
        byte[] template = new byte[pods];

        new RowTemplate(classOf).fill(template, allowed);

        for (int j = 0; j < pods; j++) {
            char want = BitRows.get(allowed, classOf[j]) ? Matrix.ALLOWED : Matrix.BLOCKED;
            assertThat((char) template[j]).as("pod %d", j).isEqualTo(want);
        }
    }
}
