package io.breakwater.core.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns a row of class bits into matrix characters ({@code '.'} / {@code 'X'}) for every pod. When every pod
 * is its own class, in pod order, eight cells are written at once from a 256-entry table. Otherwise the row is
 * filled with its majority character and only the pods of the minority classes are written.
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

    private final boolean podIsClass;
    private final int[][] podsOfClass;

    RowTemplate(int[] classOf) {
        boolean identity = true;
        for (int j = 0; j < classOf.length && identity; j++) {
            identity = classOf[j] == j;
        }
        this.podIsClass = identity;
        this.podsOfClass = identity ? new int[0][] : podsOfClass(classOf);
    }

    private static int[][] podsOfClass(int[] classOf) {
        int classes = Arrays.stream(classOf).max().orElse(-1) + 1;
        int[] counts = new int[classes];
        for (int c : classOf) {
            counts[c]++;
        }
        int[][] pods = new int[classes][];
        for (int c = 0; c < classes; c++) {
            pods[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int j = 0; j < classOf.length; j++) {
            pods[classOf[j]][counts[classOf[j]]++] = j;
        }
        return pods;
    }

    void fill(byte[] template, long[] allowed) {
        if (podIsClass) {
            fillPodPerClass(template, allowed);
        } else {
            fillByClass(template, allowed);
        }
    }

    private static void fillPodPerClass(byte[] template, long[] allowed) {
        int j = 0;
        for (; j + 8 <= template.length; j += 8) {
            EIGHT_BYTES.set(template, j, SPREAD[(int) (allowed[j >>> 6] >>> (j & 63)) & 0xFF]);
        }
        for (; j < template.length; j++) {
            template[j] = BitRows.get(allowed, j) ? (byte) Matrix.ALLOWED : (byte) Matrix.BLOCKED;
        }
    }

    private void fillByClass(byte[] template, long[] allowed) {
        int classes = podsOfClass.length;
        int allowedClasses = 0;
        for (int w = 0; w < BitRows.words(classes); w++) {
            allowedClasses += Long.bitCount(allowed[w] & wordMask(w, classes));
        }
        boolean mostlyAllowed = 2 * allowedClasses > classes;
        Arrays.fill(template, (byte) (mostlyAllowed ? Matrix.ALLOWED : Matrix.BLOCKED));
        byte minority = (byte) (mostlyAllowed ? Matrix.BLOCKED : Matrix.ALLOWED);
        for (int w = 0; w < BitRows.words(classes); w++) {
            long bits = (mostlyAllowed ? ~allowed[w] : allowed[w]) & wordMask(w, classes);
            for (; bits != 0; bits &= bits - 1) {
                for (int pod : podsOfClass[w * 64 + Long.numberOfTrailingZeros(bits)]) {
                    template[pod] = minority;
                }
            }
        }
    }

    /** The bits of word {@code w} that stand for classes below {@code classes}. */
    private static long wordMask(int w, int classes) {
        int valid = classes - w * 64;
        return valid >= 64 ? -1L : (1L << valid) - 1;
    }
}
