package io.breakwater.server.domain;

import java.util.List;

/**
 * A request the domain refuses. Each subclass is one kind of failure; {@code path} is the field path the failure is
 * about ({@code rules[0].action}), empty when the whole request is at fault. The HTTP edge maps each kind to a status
 * and an NSX error code.
 */
public abstract sealed class DomainException extends RuntimeException {

    private final String path;

    DomainException(String path, String message) {
        super(message, null, false, false);
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static NotFound notFound(String what) {
        return new NotFound("the path " + what + " does not exist");
    }

    public static Invalid invalid(String path, String message) {
        return new Invalid(path, message, List.of());
    }

    /** All validation problems of one request: the first is the headline, all are listed. */
    public static Invalid invalid(List<FieldProblem> problems) {
        FieldProblem first = problems.getFirst();
        String message = problems.size() == 1 ? first.message()
                : first.message() + " (and " + (problems.size() - 1) + " more)";
        return new Invalid(first.path(), message, problems);
    }

    public static Conflict conflict(Conflict.Reason reason, String message) {
        return new Conflict(reason, "", message);
    }

    /** A conflict about one field, e.g. {@code _revision}. */
    public static Conflict conflict(Conflict.Reason reason, String path, String message) {
        return new Conflict(reason, path, message);
    }

    public static NotAuthenticated notAuthenticated(String message) {
        return new NotAuthenticated(message);
    }

    public static Forbidden forbidden(String message) {
        return new Forbidden(message);
    }

    public static LimitExceeded limitExceeded(LimitExceeded.Limit limit, String message) {
        return new LimitExceeded(limit, message);
    }

    /** The object or endpoint named does not exist. */
    public static final class NotFound extends DomainException {
        NotFound(String message) {
            super("", message);
        }
    }

    /** The request breaks a rule of the model; {@code problems} lists every problem found (empty when just one). */
    public static final class Invalid extends DomainException {
        private final List<FieldProblem> problems;

        Invalid(String path, String message, List<FieldProblem> problems) {
            super(path, message);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** The request is valid but the state it meets does not allow it. */
    public static final class Conflict extends DomainException {
        /** Why the state refuses the request. */
        public enum Reason {
            /** The object is still referenced by others. */
            IN_USE,
            /** The caller's {@code _revision} (or import mark) is older than the stored one. */
            STALE_REVISION,
            /** A delta arrived before the cluster's first full inventory sync. */
            NEEDS_FULL_SYNC,
            /** The change would leave no enterprise admin. */
            LAST_ADMIN,
            /** Another transaction holds the rows (the store's lock wait ran out); retrying later succeeds. */
            BUSY
        }

        private final Reason reason;

        Conflict(Reason reason, String path, String message) {
            super(path, message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** No credentials, or credentials that name nobody. */
    public static final class NotAuthenticated extends DomainException {
        NotAuthenticated(String message) {
            super("", message);
        }
    }

    /** The caller is known but may not do this. */
    public static final class Forbidden extends DomainException {
        Forbidden(String message) {
            super("", message);
        }
    }

    /** A configured limit was reached. */
    public static final class LimitExceeded extends DomainException {
        /** Which limit. */
        public enum Limit {
            BODY_SIZE,
            REQUEST_RATE,
            /** A store capacity (firewall rules, groups, criteria per group): the state cannot take the change. */
            CAPACITY
        }

        private final Limit limit;

        LimitExceeded(Limit limit, String message) {
            super("", message);
            this.limit = limit;
        }

        public Limit limit() {
            return limit;
        }
    }
}
