package io.breakwater.server;

import org.junit.jupiter.api.BeforeAll;

/** The audit-log filters on PostgreSQL (its LIKE escape and case rules); skipped when no test database is set. */
class AuditLogFilterPostgresTest extends AuditLogFilterTest {

    @BeforeAll
    static void start() throws InterruptedException {
        setUp(TestServers.on("postgres"));
    }
}
