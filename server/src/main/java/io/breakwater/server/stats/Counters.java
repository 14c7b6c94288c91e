package io.breakwater.server.stats;

/** Sessions, packets and bytes of one rule. */
public record Counters(long sessions, long packets, long bytes) {

    static final Counters ZERO = new Counters(0, 0, 0);

    Counters plus(Counters o) {
        return new Counters(sessions + o.sessions, packets + o.packets, bytes + o.bytes);
    }

    /**
     * What a new raw reading adds to the totals, given the previous raw reading: the increase, or — when any
     * counter went down, i.e. Antrea's counters restarted from zero — the whole new reading. Never negative.
     */
    Counters increaseFrom(Counters previousRaw) {
        return isResetFrom(previousRaw) ? this
                : new Counters(sessions - previousRaw.sessions, packets - previousRaw.packets, bytes - previousRaw.bytes);
    }

    boolean isResetFrom(Counters previousRaw) {
        return sessions < previousRaw.sessions || packets < previousRaw.packets || bytes < previousRaw.bytes;
    }

    boolean isZero() {
        return sessions == 0 && packets == 0 && bytes == 0;
    }
}
