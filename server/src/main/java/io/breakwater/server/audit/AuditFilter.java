package io.breakwater.server.audit;

import io.breakwater.server.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which audit entries a reader asks for: one {@code actor} (exact), one {@code action} (exact, any case), a
 * {@code target} substring (any case) and a time window {@code since} ≤ time ≤ {@code until} (epoch ms). Empty
 * fields do not filter.
 */
public record AuditFilter(Optional<String> actor, Optional<String> action, Optional<String> target,
        Optional<Long> since, Optional<Long> until) {

    public static final AuditFilter NONE =
            new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Reads the filter from query parameters; a bad value is an {@code invalid} naming the parameter. */
    public static AuditFilter parse(Function<String, String> param) {
        Optional<Long> since = text(param, "since").map(v -> time("since", v));
        Optional<Long> until = text(param, "until").map(v -> time("until", v));
        if (since.isPresent() && until.isPresent() && since.get() > until.get()) {
            throw DomainException.invalid("since", "since (" + Instant.ofEpochMilli(since.get())
                    + ") must not be after until (" + Instant.ofEpochMilli(until.get()) + ")");
        }
        Optional<String> action = text(param, "action").map(a -> a.toUpperCase(Locale.ROOT));
        return new AuditFilter(limited(param, "actor", 255), action, limited(param, "target", 1024), since, until);
    }

    private static Optional<String> text(Function<String, String> param, String name) {
        String raw = param.apply(name);
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(raw);
    }

    private static Optional<String> limited(Function<String, String> param, String name, int max) {
        Optional<String> v = text(param, name);
        if (v.isPresent() && v.get().length() > max) {
            throw DomainException.invalid(name, name + " must be at most " + max + " characters");
        }
        return v;
    }

    /** Epoch milliseconds, an ISO-8601 instant or offset date-time, or a date (its start, UTC). */
    static long time(String name, String raw) {
        if (raw.chars().allMatch(Character::isDigit) && raw.length() <= 15) {
            return Long.parseLong(raw);
        }
        try {
            return OffsetDateTime.parse(raw).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            } catch (DateTimeParseException notDate) {
                throw DomainException.invalid(name, name + " must be epoch milliseconds or an ISO-8601 time such as "
                        + "2026-12-01T09:30:00Z, found '" + raw + "'");
            }
        }
    }

    boolean isEmpty() {
        return this.equals(NONE);
    }
}
