package io.breakwater.adapter.realize;

import io.breakwater.adapter.plane.Backoff;
import java.time.Duration;

/**
 * How often the adapter talks: {@code longPoll} per desired-state request, {@code resync} between full
 * reconciles (on top of the drift informers), {@code heartbeat} between status reports.
 */
public record Timing(Duration longPoll, Duration resync, Duration heartbeat, Backoff backoff) {
    public static Timing defaults() {
        return new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(15), Backoff.defaults());
    }
}
