package io.breakwater.server.api;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perSecond} requests per client in each wall-clock second (nsx-api.md §1.4: 100/s per client).
 * A fixed window is enough here: it bounds load and tells the client when to come back.
 */
public final class RateLimiter {

    private static final int MAX_CLIENTS = 10_000;

    private final int perSecond;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long second;
        int count;
    }

    public RateLimiter(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Whether the client may make one more request now. */
    public boolean tryAcquire(String client) {
        if (windows.size() > MAX_CLIENTS) {
            windows.clear();
        }
        long second = clock.millis() / 1000;
        Window w = windows.computeIfAbsent(client, k -> new Window());
        synchronized (w) {
            if (w.second != second) {
                w.second = second;
                w.count = 0;
            }
            return ++w.count <= perSecond;
        }
    }

    /** Seconds until the current window ends, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return 1;
    }
}
