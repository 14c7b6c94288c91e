package io.breakwater.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Sessions commit durably whatever the JDBC URL asks for (the process-kill check is DurabilityTest). */
class DurableSettingsTest {

    @Test
    void h2WritesEachCommitBeforeAnsweringEvenWhenTheUrlAsksForADelay() throws Exception {
        Path dir = Files.createTempDirectory("breakwater-durable");
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=500")) {
            String delay = db.rolledBack(c -> {
                try (var rs = c.createStatement().executeQuery(
                        "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(delay).isEqualTo("0");
        }
    }

    @Test
    void postgresSessionsCommitSynchronouslyEvenWhenTheUrlTurnsItOff() throws Exception {
        String url = System.getenv("BREAKWATER_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "BREAKWATER_TEST_PG_URL is not set");
        String schema = "bw_test_" + Long.toHexString(System.nanoTime());
        try (var c = DriverManager.getConnection(url); var st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
        String off = url + "&currentSchema=" + schema + "&options=-c%20synchronous_commit%3Doff";
        try (Database db = Database.open(off)) {
            String mode = db.rolledBack(c -> {
                try (var rs = c.createStatement().executeQuery("show synchronous_commit")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualTo("on");
        }
    }
}
