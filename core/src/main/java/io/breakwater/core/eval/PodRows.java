package io.breakwater.core.eval;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The rows of a {@link Matrix} kept as one bit row per source class; a pod's row string is rendered when it is
 * read. A 10,000-pod matrix then holds about 1.25 KB per class instead of 10 KB per pod, and the strings a
 * printer reads die young instead of being copied by every collection that runs while the matrix is built.
 * Immutable, so equal to (and as usable as) a list of the rendered strings.
 */
final class PodRows extends AbstractList<String> implements RandomAccess {

    private final long[][] allowedByClass;
    private final int[] classOf;
    private final RowTemplate renderer;

    /** {@code allowedByClass[c]}: the destination classes source class {@code c} may reach. */
    PodRows(long[][] allowedByClass, int[] classOf) {
        this.allowedByClass = allowedByClass;
        this.classOf = classOf;
        this.renderer = new RowTemplate(classOf);
    }

    @Override
    public String get(int source) {
        byte[] row = new byte[classOf.length];
        renderer.fill(row, allowedByClass[classOf[source]]);
        row[source] = (byte) Matrix.SELF;
        return new String(row, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int size() {
        return classOf.length;
    }

    char cell(int source, int destination) {
        if (source == destination) {
            return Matrix.SELF;
        }
        return BitRows.get(allowedByClass[classOf[source]], classOf[destination]) ? Matrix.ALLOWED : Matrix.BLOCKED;
    }
}
