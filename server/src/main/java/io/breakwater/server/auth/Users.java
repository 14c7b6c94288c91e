package io.breakwater.server.auth;

import io.breakwater.server.domain.DomainException;
import io.breakwater.server.store.ChangeFeed;
import io.breakwater.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * Local users, API tokens and credential checks. Verified basic credentials are remembered (by a SHA-256 of
 * user and password) so bcrypt runs once per credential, not once per request. Any user change forgets them on
 * every replica: the change publishes {@link ChangeFeed.Channel#USERS} in its transaction. A remembered credential
 * is also checked again after {@link #REMEMBER}, in case a replica missed the signal.
 */
public final class Users {

    public record UserInfo(String name, Role role, long createTime) {}

    /** Longest user name: bounded like every stored identifier. */
    public static final int MAX_NAME_LENGTH = 128;

    /** Checks a password against a stored hash: bcrypt, or a counting stand-in in tests. */
    interface PasswordCheck {
        boolean matches(String password, String hash);
    }

    /** Stands in for the hash of an unknown user, so a wrong user name costs one bcrypt like a wrong password. */
    private static final String DUMMY_HASH = Secrets.hashPassword(Secrets.newPassword());

    /** How long a verified credential is trusted without asking the database again. */
    public static final java.time.Duration REMEMBER = java.time.Duration.ofSeconds(30);

    private record Verified(Principal principal, long atNanos) {}

    private final Database db;
    private final ChangeFeed feed;
    private final PasswordCheck passwords;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public Users(Database db) {
        this(db, ChangeFeed.local(), Secrets::passwordMatches);
    }

    public Users(Database db, ChangeFeed feed) {
        this(db, feed, Secrets::passwordMatches);
    }

    Users(Database db, PasswordCheck passwords) {
        this(db, ChangeFeed.local(), passwords);
    }

    private Users(Database db, ChangeFeed feed, PasswordCheck passwords) {
        this.db = db;
        this.feed = feed;
        this.passwords = passwords;
        feed.subscribe(ChangeFeed.Channel.USERS, verified::clear);
    }

    /** Why a user name cannot be used, if it cannot: blank, ':' (the basic-auth separator), control or too long. */
    public static Optional<String> nameProblem(String name) {
        if (name.isBlank() || !name.strip().equals(name)) {
            return Optional.of("must not be blank nor start or end with white space");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("must have at most " + MAX_NAME_LENGTH + " characters, found " + name.length());
        }
        if (name.chars().anyMatch(ch -> ch == ':' || ch == '/' || Character.isISOControl(ch))) {
            return Optional.of("must not contain ':', '/' or control characters");
        }
        return Optional.empty();
    }

    /** Why a password cannot be used, if it cannot: under 8 characters or over bcrypt's 72 bytes. */
    public static Optional<String> passwordProblem(String password) {
        if (password.length() < 8) {
            return Optional.of("must have at least 8 characters");
        }
        if (!Secrets.fitsBcrypt(password)) {
            return Optional.of("must have at most " + Secrets.MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        return Optional.empty();
    }

    /** Creates {@code admin} when no user exists; returns the password it was given (generated if none). */
    public Optional<String> bootstrapAdmin(Optional<String> password, long now) {
        return db.inTransaction(c -> {
            try (var st = c.prepareStatement("select count(*) from app_user"); ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return Optional.<String>empty();
                }
            }
            String pw = password.orElseGet(Secrets::newPassword);
            upsert(c, "admin", pw, Role.ENTERPRISE_ADMIN, now);
            return Optional.of(pw);
        });
    }

    /** Creates or replaces a user; refused when it would leave no enterprise admin. */
    public void put(Connection c, String name, String password, Role role, long now) throws SQLException {
        lockAdmins(c);
        upsert(c, name, password, role, now);
        requireAnAdmin(c, "role");
        verified.clear();
        feed.publish(c, ChangeFeed.Channel.USERS);
    }

    private static void upsert(Connection c, String name, String password, Role role, long now) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("delete from app_user where name = ?")) {
            del.setString(1, name);
            del.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "insert into app_user (name, password_hash, role, create_time) values (?, ?, ?, ?)")) {
            st.setString(1, name);
            st.setString(2, Secrets.hashPassword(password));
            st.setString(3, role.id());
            st.setLong(4, now);
            st.executeUpdate();
        }
    }

    /** Deletes a user and its tokens; refused when it would leave no enterprise admin. */
    public boolean delete(Connection c, String name) throws SQLException {
        verified.clear();
        lockAdmins(c);
        feed.publish(c, ChangeFeed.Channel.USERS);
        try (PreparedStatement st = c.prepareStatement("delete from api_token where user_name = ?")) {
            st.setString(1, name);
            st.executeUpdate();
        }
        boolean deleted;
        try (PreparedStatement st = c.prepareStatement("delete from app_user where name = ?")) {
            st.setString(1, name);
            deleted = st.executeUpdate() > 0;
        }
        requireAnAdmin(c, "name");
        return deleted;
    }

    /** Locks the admins' rows, so two admins demoting each other at once cannot both succeed. */
    private static void lockAdmins(Connection c) throws SQLException {
        try (var st = c.prepareStatement("select name from app_user where role = ? for update")) {
            st.setString(1, Role.ENTERPRISE_ADMIN.id());
            st.executeQuery().close();
        }
    }

    private static void requireAnAdmin(Connection c, String field) throws SQLException {
        try (var st = c.prepareStatement("select count(*) from app_user where role = ?")) {
            st.setString(1, Role.ENTERPRISE_ADMIN.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw DomainException.conflict(DomainException.Conflict.Reason.LAST_ADMIN, field,
                            "this would leave no enterprise_admin; make another user enterprise_admin first");
                }
            }
        }
    }

    public List<UserInfo> list() {
        return db.rolledBack(c -> {
            var out = new ArrayList<UserInfo>();
            try (var st = c.prepareStatement("select name, role, create_time from app_user order by name");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new UserInfo(rs.getString(1), Role.fromId(rs.getString(2)).orElseThrow(), rs.getLong(3)));
                }
            }
            return out;
        });
    }

    /** Issues a bearer token for a user; only its hash is stored. */
    public String issueToken(String userName, long now) {
        String token = Secrets.newToken();
        db.inTransaction(c -> {
            try (var st = c.prepareStatement(
                    "insert into api_token (token_hash, user_name, create_time) values (?, ?, ?)")) {
                st.setString(1, Secrets.sha256(token));
                st.setString(2, userName);
                st.setLong(3, now);
                return st.executeUpdate();
            }
        });
        return token;
    }

    /** The principal behind an {@code Authorization} header value, if the credentials are valid. */
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Principal> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String key = Secrets.sha256(decoded);
        Verified known = verified.get(key);
        if (known != null && System.nanoTime() - known.atNanos() < REMEMBER.toNanos()) {
            return Optional.of(known.principal());
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (name.length() > MAX_NAME_LENGTH || !Secrets.fitsBcrypt(password)) {
            return Optional.empty(); // never stored: refused before the database or bcrypt sees it
        }
        Optional<Principal> found = db.rolledBack(c -> {
            try (var st = c.prepareStatement("select password_hash, role from app_user where name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    boolean exists = rs.next();
                    boolean matches = passwords.matches(password, exists ? rs.getString(1) : DUMMY_HASH);
                    if (exists && matches) {
                        return Role.fromId(rs.getString(2)).map(r -> (Principal) new Principal.User(name, r));
                    }
                    return Optional.empty();
                }
            }
        });
        found.ifPresent(p -> verified.put(key, new Verified(p, System.nanoTime())));
        return found;
    }

    private Optional<Principal> bearer(String token) {
        String hash = Secrets.sha256(token);
        return db.rolledBack(c -> {
            try (var st = c.prepareStatement("select u.name, u.role from api_token t join app_user u "
                    + "on u.name = t.user_name where t.token_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        String user = rs.getString(1);
                        return Role.fromId(rs.getString(2)).map(r -> (Principal) new Principal.User(user, r));
                    }
                }
            }
            try (var st = c.prepareStatement("select name from cluster where credential_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of((Principal) new Principal.ClusterAdapter(rs.getString(1)))
                            : Optional.<Principal>empty();
                }
            }
        });
    }
}
