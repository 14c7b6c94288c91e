package io.breakwater.core.nsx;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A mutable set of pod slots as a sorted array: a group of a few pods costs a few ints, where a bit set would
 * cost as many words as the highest slot needs (100,000 groups × 100,000 slots would be over a GB).
 */
final class SlotSet {

    private int[] items = new int[2];
    private int size;

    boolean contains(int slot) {
        return Arrays.binarySearch(items, 0, size, slot) >= 0;
    }

    /** Adds the slot; false when it was there. */
    boolean add(int slot) {
        int at = Arrays.binarySearch(items, 0, size, slot);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        System.arraycopy(items, at, items, at + 1, size - at);
        items[at] = slot;
        size++;
        return true;
    }

    /** Removes the slot; false when it was not there. */
    boolean remove(int slot) {
        int at = Arrays.binarySearch(items, 0, size, slot);
        if (at < 0) {
            return false;
        }
        System.arraycopy(items, at + 1, items, at, size - at - 1);
        size--;
        return true;
    }

    /** Sets or clears the slot; true when that changed the set. */
    boolean set(int slot, boolean member) {
        return member ? add(slot) : remove(slot);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void forEach(IntConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(items[i]);
        }
    }
}
