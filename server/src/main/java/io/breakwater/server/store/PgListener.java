package io.breakwater.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL {@link ChangeFeed}: {@code pg_notify} in the publishing transaction, and one thread per replica
 * that {@code LISTEN}s on a dedicated connection (outside the pool, which would reset it) and waits for
 * notifications with {@link PGConnection#getNotifications(int)}. When that connection fails it reconnects with a
 * growing pause (up to 5 s) and then fires every channel, since notifications sent meanwhile are lost.
 */
final class PgListener extends ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    /** How the listener's session shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "breakwater-change-listener";
    private static final int POLL_MILLIS = 500;
    private static final int PROBE_EVERY = 10;

    private final Database db;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    PgListener(Database db) {
        this.db = db;
        this.thread = new Thread(this::run, "breakwater-pg-listen");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void publish(Connection transaction, Channel channel) throws SQLException {
        try (var st = transaction.prepareStatement("select pg_notify(?, '')")) {
            st.setString(1, channel.pgName());
            st.execute();
        }
    }

    @Override
    public void publish(Channel channel) {
        deliver(channel); // this replica's waiters at once; the others through NOTIFY
        try {
            db.inTransaction(c -> {
                publish(c, channel);
                return null;
            });
        } catch (StoreException e) {
            LOG.warn("cannot notify other replicas of {} (they re-check within 5 s): {}", channel, e.getMessage());
        }
    }

    @Override
    public boolean listening() {
        return connected;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try (Connection c = db.dedicatedConnection(APPLICATION_NAME)) {
                c.setAutoCommit(true);
                try (var st = c.createStatement()) {
                    for (Channel ch : Channel.values()) {
                        st.execute("LISTEN " + ch.pgName());
                    }
                }
                connected = true;
                if (failures > 0) {
                    LOG.info("listening for other replicas' changes again");
                    deliverAll();
                }
                failures = 0;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (!running) {
                    return;
                }
                failures++;
                LOG.warn("change listener lost its connection (attempt {}): {}", failures, e.getMessage());
                pause(Math.min(5_000L, 250L << Math.min(failures, 5)));
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        for (long polls = 1; running; polls++) {
            if (polls % PROBE_EVERY == 0) { // a silently dead peer never fails getNotifications: ask it something
                try (var st = c.createStatement()) {
                    st.execute("select 1");
                }
            }
            PGNotification[] got = pg.getNotifications(POLL_MILLIS);
            if (got == null) {
                continue;
            }
            for (PGNotification n : got) {
                for (Channel ch : Channel.values()) {
                    if (ch.pgName().equals(n.getName())) {
                        deliver(ch);
                    }
                }
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
