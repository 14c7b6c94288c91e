package io.breakwater.server.store;

import java.sql.SQLException;

/** A database failure. Integrity violations (SQL state class 23) mean a concurrent writer won a race. */
public final class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public boolean isIntegrityViolation() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith("23");
    }
}
