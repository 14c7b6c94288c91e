package io.breakwater.adapter.plane;

import java.time.Duration;

/** Exponential retry delays: {@code initial}, doubled per failed attempt, capped at {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** Delay before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        var delay = initial;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Waits before retry {@code attempt}; false when interrupted (the flag is restored). */
    public boolean pause(int attempt) {
        try {
            Thread.sleep(delay(attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
