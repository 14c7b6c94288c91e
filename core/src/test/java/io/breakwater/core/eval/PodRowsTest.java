package io.breakwater.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.breakwater.core.k8s.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodRowsTest {

    /** Pods 0 and 2 are class 0, pod 1 is class 1; class 0 reaches class 1 only, class 1 reaches both. */
    private static PodRows threePodsInTwoClasses() {
        long[][] allowed = {{0b10L}, {0b11L}};
        return new PodRows(allowed, new int[] {0, 1, 0});
    }

    @Test
    void rowsRenderTheClassRowWithThePodsOwnCellAsSelf() {
        assertThat(threePodsInTwoClasses()).containsExactly("-.X", ".-.", "X.-");
    }

    @Test
    void cellReadsTheBitsWithoutRenderingARow() {
        var rows = threePodsInTwoClasses();
        var matrix = new Matrix("k8s", Protocol.TCP, PortRef.of(80), List.of("x/a", "x/b", "x/c"), rows);

        for (int s = 0; s < 3; s++) {
            for (int d = 0; d < 3; d++) {
                assertThat(matrix.cell(s, d)).as("%d -> %d", s, d).isEqualTo(rows.get(s).charAt(d));
            }
        }
    }

    @Test
    void aMatrixOfPodRowsEqualsOneOfTheRenderedStrings() {
        var pods = List.of("x/a", "x/b", "x/c");
        var lazy = new Matrix("k8s", Protocol.TCP, PortRef.of(80), pods, threePodsInTwoClasses());
        var eager = new Matrix("k8s", Protocol.TCP, PortRef.of(80), pods, List.of("-.X", ".-.", "X.-"));

        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
    }

    @Test
    void rowsCannotBeChanged() {
        assertThatThrownBy(() -> threePodsInTwoClasses().set(0, "---")).isInstanceOf(UnsupportedOperationException.class);
    }
}
