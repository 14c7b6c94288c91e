package io.breakwater.core.eval;

/**
 * Square bit matrices as {@code long[row][word]} rows; bit {@code j} of a row is bit {@code j & 63} of word
 * {@code j >>> 6} (the {@link java.util.BitSet} layout). Small and allocation-free so the matrix stays fast.
 */
final class BitRows {

    private BitRows() {}

    static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    static void set(long[] row, int bit) {
        row[bit >>> 6] |= 1L << bit;
    }

    static boolean get(long[] row, int bit) {
        return (row[bit >>> 6] & (1L << bit)) != 0;
    }

    static long[] all(int bits) {
        long[] row = new long[words(bits)];
        for (int i = 0; i < bits; i++) {
            set(row, i);
        }
        return row;
    }

    static void or(long[] into, long[] other) {
        for (int w = 0; w < into.length; w++) {
            into[w] |= other[w];
        }
    }

    static long[] and(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int w = 0; w < a.length; w++) {
            out[w] = a[w] & b[w];
        }
        return out;
    }

    /** The transpose of an {@code n x n} matrix: bit j of row i becomes bit i of row j. Works in 64x64 tiles. */
    static long[][] transpose(long[][] rows, int n) {
        int words = words(n);
        long[][] out = new long[n][words];
        long[] tile = new long[64];
        for (int bi = 0; bi < words; bi++) {
            for (int bj = 0; bj < words; bj++) {
                for (int k = 0; k < 64; k++) {
                    int r = bi * 64 + k;
                    tile[k] = r < n ? rows[r][bj] : 0L;
                }
                transpose64(tile);
                for (int k = 0; k < 64 && bj * 64 + k < n; k++) {
                    out[bj * 64 + k][bi] = tile[k];
                }
            }
        }
        return out;
    }

    /** In-place transpose of a 64x64 tile by swapping ever smaller off-diagonal blocks (Hacker's Delight 7-3). */
    static void transpose64(long[] a) {
        long mask = 0x0000_0000_FFFF_FFFFL;
        for (int j = 32; j != 0; j >>>= 1, mask ^= mask << j) {
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
                long t = ((a[k] >>> j) ^ a[k | j]) & mask;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }
}
