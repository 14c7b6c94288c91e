package io.breakwater.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.breakwater.core.eval.Matrix;
import java.util.List;

/** Renders a {@link Matrix} as the aligned truth table people read or the one-line JSON tools compare. */
final class MatrixOutput {

    private MatrixOutput() {}

    /** The {@code -o json} contract: exactly these keys in this order, compact, one line. */
    @JsonPropertyOrder({"target", "protocol", "port", "pods", "matrix"})
    record Json(String target, String protocol, Object port, List<String> pods, List<String> matrix) {}

    static String json(Matrix m) {
        return JsonText.of(new Json(m.target(), m.protocol().name(), JsonText.port(m.port()), m.pods(), m.rows()));
    }

    /**
     * A grid like the Kubernetes e2e truth tables: a title line, a header of destination pods, one row per
     * source, one cell per destination under its column.
     */
    static String table(Matrix m) {
        int width = m.pods().stream().mapToInt(String::length).max().orElse(1);
        String cell = "%-" + width + "s";
        var text = new StringBuilder();
        text.append(m.target()).append(' ').append(m.protocol()).append('/').append(m.port())
                .append(" (rows: source, columns: destination; . allowed, X blocked, - self)\n");
        text.append(String.format(cell, ""));
        m.pods().forEach(dst -> text.append(' ').append(String.format(cell, dst)));
        for (int src = 0; src < m.pods().size(); src++) {
            text.append('\n').append(String.format(cell, m.pods().get(src)));
            for (int dst = 0; dst < m.pods().size(); dst++) {
                text.append(' ').append(String.format(cell, m.cell(src, dst)));
            }
        }
        return text.toString().stripTrailing().replaceAll(" +\n", "\n");
    }
}
