package io.breakwater.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "Something changed" signals between the server's parts and, on PostgreSQL, between server replicas sharing one
 * database. A signal carries no data: listeners re-read the database. On H2 (one process) signals stay in the JVM;
 * on PostgreSQL they travel as {@code NOTIFY} and every replica's {@link PgListener} hands them to its listeners.
 *
 * <p>Listeners must tolerate extra signals: a replica gets its own back, and a reconnecting listener fires every
 * channel once because it may have missed some while it was away.
 */
public class ChangeFeed implements AutoCloseable {

    /** Channels; PostgreSQL channel names are identifiers, so lower case and underscores. */
    public enum Channel {
        DESIRED_STATE("breakwater_desired_state"),
        USERS("breakwater_users"),
        /** An adapter reported rule statistics: readers waiting for a realtime collection re-check. */
        RULE_STATS("breakwater_rule_stats");

        private final String pgName;

        Channel(String pgName) {
            this.pgName = pgName;
        }

        public String pgName() {
            return pgName;
        }
    }

    private final Map<Channel, List<Runnable>> listeners = new ConcurrentHashMap<>();

    /** A feed that stays in this JVM (H2, tests). */
    public static ChangeFeed local() {
        return new ChangeFeed();
    }

    /** The feed for the database: {@code LISTEN/NOTIFY} on PostgreSQL, in the JVM otherwise. */
    public static ChangeFeed of(Database db) {
        return db.isPostgres() ? new PgListener(db) : local();
    }

    public void subscribe(Channel channel, Runnable listener) {
        listeners.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * Signals the channel when the caller's transaction commits (PostgreSQL queues a NOTIFY until then); in the JVM
     * the listeners run at once. Call it inside the transaction that made the change.
     */
    public void publish(Connection transaction, Channel channel) throws SQLException {
        deliver(channel);
    }

    /** Signals the channel now, after a commit made elsewhere. */
    public void publish(Channel channel) {
        deliver(channel);
    }

    /** Whether signals from other replicas arrive: always in the JVM; on PostgreSQL while the listener is connected. */
    public boolean listening() {
        return true;
    }

    protected final void deliver(Channel channel) {
        listeners.getOrDefault(channel, List.of()).forEach(Runnable::run);
    }

    protected final void deliverAll() {
        for (Channel c : Channel.values()) {
            deliver(c);
        }
    }

    @Override
    public void close() {}
}
