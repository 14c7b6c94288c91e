package io.breakwater.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.breakwater.server.domain.DomainException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The JDBC store: a connection pool over H2 or PostgreSQL with the schema migrated by Flyway on open.
 * All writes go through {@link #inTransaction}: the work either commits as a whole or not at all.
 */
public final class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource pool;
    /**
     * Held around every write transaction on H2 only. H2 2.3's MVCC was seen to lose an update when many writers
     * change one row at once, even with {@code SELECT … FOR UPDATE} and a compare-and-set {@code UPDATE}, under
     * REPEATABLE READ and SERIALIZABLE alike (StoreTest's sixteen writers ended one or two increments short). H2 is
     * the embedded, single-process store, so one writer at a time in this JVM is both correct and cheap; PostgreSQL
     * keeps concurrent writers and arbitrates them itself.
     */
    private final ReentrantLock h2Writes = new ReentrantLock(true);
    private final boolean serializeWrites;

    private Database(HikariDataSource pool, boolean serializeWrites) {
        this.pool = pool;
        this.serializeWrites = serializeWrites;
    }

    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, Optional.empty());
    }

    /** Opens the pool; with a registry, HikariCP publishes its pool metrics ({@code hikaricp_connections…}) there. */
    public static Database open(String jdbcUrl, Optional<MeterRegistry> metrics) {
        var config = new HikariConfig();
        metrics.ifPresent(config::setMetricRegistry);
        config.setJdbcUrl(durable(jdbcUrl));
        config.setMaximumPoolSize(16);
        config.setAutoCommit(false);
        config.setPoolName("breakwater");
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // one multi-row INSERT per batch instead of one statement per row: imports write thousands of rows
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // a 2xx means committed to the WAL on disk, whatever the server, role or URL default says
            config.setConnectionInitSql("set synchronous_commit = on");
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            // one snapshot per transaction for the reads that run beside a write; writers are serialized (h2Writes)
            config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        }
        var pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, jdbcUrl.startsWith("jdbc:h2:"));
    }

    /**
     * H2 acknowledges a commit before writing it: its store reaches the file only every WRITE_DELAY ms (500 by
     * default), so a kill -9 right after a 2xx lost the write. WRITE_DELAY=0 writes each commit before it returns.
     */
    static String durable(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:h2:mem:")) {
            return jdbcUrl;
        }
        String withoutDelay = jdbcUrl.replaceAll("(?i);WRITE_DELAY=[^;]*", "");
        return withoutDelay + ";WRITE_DELAY=0";
    }

    public boolean isPostgres() {
        return pool.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    /**
     * A connection of its own, outside the pool, for a long-lived session such as {@code LISTEN}: reads time out
     * after 10 s so a silently dead server is noticed.
     */
    public Connection dedicatedConnection(String applicationName) throws SQLException {
        Properties props = direct(5, 10);
        props.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(pool.getJdbcUrl(), props);
    }

    /**
     * Whether the database answers within about 2 s. PostgreSQL is asked on a fresh connection, so a pool waiting
     * for connections does not hold up the probe; H2 runs in this process and answers through the pool.
     */
    public boolean reachable() {
        if (!isPostgres()) {
            return rolledBack(c -> c.isValid(2));
        }
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), direct(2, 2))) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private Properties direct(int connectSeconds, int readSeconds) {
        var props = new Properties();
        if (pool.getUsername() != null) {
            props.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        props.setProperty("connectTimeout", String.valueOf(connectSeconds));
        props.setProperty("loginTimeout", String.valueOf(connectSeconds));
        props.setProperty("socketTimeout", String.valueOf(readSeconds));
        return props;
    }

    /**
     * Runs the work in one transaction. When the database reports a concurrent-update conflict the work runs
     * again (up to 5 times), so it must re-read what it depends on and keep no state across attempts.
     */
    public <T> T inTransaction(Work<T> work) {
        if (!serializeWrites) {
            return retrying(work);
        }
        h2Writes.lock();
        try {
            return retrying(work);
        } finally {
            h2Writes.unlock();
        }
    }

    private <T> T retrying(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (StoreException e) {
                if (e.isLockTimeout()) {
                    throw DomainException.conflict(DomainException.Conflict.Reason.BUSY, "another request (an "
                            + "import or an inventory sync) holds the data this request changes; retry in a few "
                            + "seconds");
                }
                if (!e.isConcurrentUpdate() || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private <T> T once(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs the work and always rolls back: for dry runs and reads. */
    public <T> T rolledBack(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
