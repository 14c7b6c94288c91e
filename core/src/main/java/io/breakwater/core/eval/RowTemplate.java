package io.breakwater.core.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Turns a row of class bits into matrix characters ({@code '.'} / {@code 'X'}) for every pod. When every pod
 * is its own class, in pod order, eight cells are written at once from a 256-entry table.
 */
final class RowTemplate {

    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] SPREAD = new long[256];

    static {
        for (int bits = 0; bits < 256; bits++) {
            long cells = 0;
            for (int k = 0; k < 8; k++) {
                long cell = ((bits >>> k) & 1) != 0 ? Matrix.ALLOWED : Matrix.BLOCKED;
                cells |= cell << (8 * k);
            }
            SPREAD[bits] = cells;
        }
    }

    private final int[] classOf;
    private final boolean podIsClass;

    RowTemplate(int[] classOf) {
        this.classOf = classOf;
        boolean identity = true;
        for (int j = 0; j < classOf.length && identity; j++) {
            identity = classOf[j] == j;
        }
        this.podIsClass = identity;
    }

    void fill(byte[] template, long[] allowed) {
        int j = 0;
        if (podIsClass) {
            for (; j + 8 <= template.length; j += 8) {
                EIGHT_BYTES.set(template, j, SPREAD[(int) (allowed[j >>> 6] >>> (j & 63)) & 0xFF]);
            }
        }
        for (; j < template.length; j++) {
            int c = classOf[j];
            int bit = (int) (allowed[c >>> 6] >>> c) & 1;
            template[j] = (byte) (Matrix.BLOCKED + bit * (Matrix.ALLOWED - Matrix.BLOCKED));
        }
    }
}
