package io.breakwater.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.breakwater.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An unknown user name costs the same password check as a wrong password, so timing tells no names apart. */
class UsersTest {

    @Test
    void unknownUserRunsOnePasswordCheckLikeAWrongPassword() throws Exception {
        var checks = new AtomicInteger();
        try (Database db = Database.open("jdbc:h2:file:" + Files.createTempDirectory("users").resolve("db"))) {
            var users = new Users(db, (password, hash) -> {
                checks.incrementAndGet();
                return Secrets.passwordMatches(password, hash);
            });
            users.bootstrapAdmin(Optional.of("admin-secret"), 0);

            users.authenticate(basic("admin", "wrong-password"));
            int forWrongPassword = checks.getAndSet(0);
            users.authenticate(basic("nobody", "wrong-password"));
            int forUnknownUser = checks.get();

            assertThat(forWrongPassword).isEqualTo(1);
            assertThat(forUnknownUser).isEqualTo(forWrongPassword);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
