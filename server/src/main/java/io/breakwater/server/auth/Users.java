package io.breakwater.server.auth;

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

    /** How long a verified credential is trusted without asking the database again. */
    public static final java.time.Duration REMEMBER = java.time.Duration.ofSeconds(30);

    private record Verified(Principal principal, long atNanos) {}

    private final Database db;
    private final ChangeFeed feed;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public Users(Database db) {
        this(db, ChangeFeed.local());
    }

    public Users(Database db, ChangeFeed feed) {
        this.db = db;
        this.feed = feed;
        feed.subscribe(ChangeFeed.Channel.USERS, verified::clear);
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

    public void put(Connection c, String name, String password, Role role, long now) throws SQLException {
        upsert(c, name, password, role, now);
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

    public boolean delete(Connection c, String name) throws SQLException {
        verified.clear();
        feed.publish(c, ChangeFeed.Channel.USERS);
        try (PreparedStatement st = c.prepareStatement("delete from api_token where user_name = ?")) {
            st.setString(1, name);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("delete from app_user where name = ?")) {
            st.setString(1, name);
            return st.executeUpdate() > 0;
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
        Optional<Principal> found = db.rolledBack(c -> {
            try (var st = c.prepareStatement("select password_hash, role from app_user where name = ?")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && Secrets.passwordMatches(password, rs.getString(1))) {
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
