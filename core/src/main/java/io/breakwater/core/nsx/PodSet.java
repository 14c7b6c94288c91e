package io.breakwater.core.nsx;

import java.util.Arrays;
import java.util.BitSet;

/**
 * An immutable set of pod indexes kept as the words of a bit set from its first to its last non-empty word
 * only. Pods are numbered in namespace order, so a group of one namespace's pods costs a word or two instead of
 * a bit set as long as the cluster (at 100,000 pods and 100,000 groups that is the difference between a few MB
 * and over a GB).
 */
final class PodSet {

    static final PodSet EMPTY = new PodSet(0, new long[0]);

    /** Index of the first word held; bit {@code i} of the set is bit {@code i % 64} of word {@code i / 64 - first}. */
    private final int first;
    private final long[] words;

    private PodSet(int first, long[] words) {
        this.first = first;
        this.words = words;
    }

    static PodSet of(BitSet bits) {
        if (bits.isEmpty()) {
            return EMPTY;
        }
        int firstWord = bits.nextSetBit(0) >>> 6;
        int lastWord = (bits.length() - 1) >>> 6;
        long[] all = bits.toLongArray();
        return new PodSet(firstWord, Arrays.copyOfRange(all, firstWord, lastWord + 1));
    }

    /** The indexes {@code from} (inclusive) to {@code to} (exclusive). */
    static PodSet range(int from, int to) {
        if (from >= to) {
            return EMPTY;
        }
        int firstWord = from >>> 6;
        int lastWord = (to - 1) >>> 6;
        long[] words = new long[lastWord - firstWord + 1];
        Arrays.fill(words, -1L);
        words[0] &= -1L << from;
        words[words.length - 1] &= -1L >>> (63 - ((to - 1) & 63));
        return new PodSet(firstWord, words);
    }

    static PodSet of(int... sortedIndexes) {
        var bits = new BitSet();
        for (int i : sortedIndexes) {
            bits.set(i);
        }
        return of(bits);
    }

    boolean get(int index) {
        int w = (index >>> 6) - first;
        return index >= 0 && w >= 0 && w < words.length && (words[w] & (1L << index)) != 0;
    }

    /** How many 64-bit words the set keeps. */
    int wordCount() {
        return words.length;
    }

    boolean isEmpty() {
        return words.length == 0;
    }

    /** The next member at or after {@code from}, or -1. */
    int nextSetBit(int from) {
        int w = Math.max(0, (from >>> 6) - first);
        if (w >= words.length) {
            return -1;
        }
        long word = (from >>> 6) - first == w ? words[w] & (-1L << from) : words[w];
        while (true) {
            if (word != 0) {
                return (w + first) * 64 + Long.numberOfTrailingZeros(word);
            }
            if (++w == words.length) {
                return -1;
            }
            word = words[w];
        }
    }

    int cardinality() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    PodSet and(PodSet other) {
        int from = Math.max(first, other.first);
        int to = Math.min(first + words.length, other.first + other.words.length);
        if (from >= to) {
            return EMPTY;
        }
        long[] out = new long[to - from];
        for (int w = from; w < to; w++) {
            out[w - from] = words[w - first] & other.words[w - other.first];
        }
        return trimmed(from, out);
    }

    PodSet or(PodSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        int from = Math.min(first, other.first);
        int to = Math.max(first + words.length, other.first + other.words.length);
        long[] out = new long[to - from];
        System.arraycopy(words, 0, out, first - from, words.length);
        for (int w = 0; w < other.words.length; w++) {
            out[other.first + w - from] |= other.words[w];
        }
        return new PodSet(from, out);
    }

    /** The members not in {@code other}. */
    PodSet andNot(PodSet other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        long[] out = words.clone();
        for (int w = 0; w < out.length; w++) {
            int o = w + first - other.first;
            if (o >= 0 && o < other.words.length) {
                out[w] &= ~other.words[o];
            }
        }
        return trimmed(first, out);
    }

    BitSet toBitSet() {
        var bits = new BitSet();
        for (int i = nextSetBit(0); i >= 0; i = nextSetBit(i + 1)) {
            bits.set(i);
        }
        return bits;
    }

    private static PodSet trimmed(int first, long[] words) {
        int lo = 0;
        int hi = words.length;
        while (lo < hi && words[lo] == 0) {
            lo++;
        }
        while (hi > lo && words[hi - 1] == 0) {
            hi--;
        }
        if (lo == hi) {
            return EMPTY;
        }
        return lo == 0 && hi == words.length ? new PodSet(first, words) : new PodSet(first + lo, Arrays.copyOfRange(words, lo, hi));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodSet p && first == p.first && Arrays.equals(words, p.words);
    }

    @Override
    public int hashCode() {
        return 31 * first + Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return toBitSet().toString();
    }
}
