package io.breakwater.server.store;

import java.sql.SQLException;

/** A database failure. Integrity violations (SQL state class 23) mean a concurrent writer won a race. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** H2's "concurrent update" (90131) or PostgreSQL's serialization failure / deadlock (40001, 40P01). */
    public boolean isConcurrentUpdate() {
        String state = ((SQLException) getCause()).getSQLState();
        return "90131".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    /** H2's lock wait ran out (HYT00) or PostgreSQL's lock_timeout / NOWAIT (55P03): another writer holds the rows. */
    public boolean isLockTimeout() {
        String state = ((SQLException) getCause()).getSQLState();
        return "HYT00".equals(state) || "55P03".equals(state);
    }

    public boolean isIntegrityViolation() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("23");
    }
}
