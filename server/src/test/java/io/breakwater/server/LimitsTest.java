package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void clientOverTheRateGets429WithRetryAfter() {
        // a fixed clock keeps every request in the same one-second window, so the count is exact
        var config = TestServers.config().withRatePerSecond(5)
                .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        try (RunningServer server = Server.start(config)) {
            ApiClient admin = TestServers.admin(server);
            var statuses = new ArrayList<Integer>();

            for (int i = 0; i < 7; i++) {
                statuses.add(admin.get(PolicyApiTest.GROUPS).status());
            }

            var limited = admin.get(PolicyApiTest.GROUPS);
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
            assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.json().get("httpStatus").asText()).isEqualTo("TOO_MANY_REQUESTS");
        }
    }

    @Test
    void bodyOverTheCapIs413() {
        try (RunningServer server = Server.start(TestServers.config().withMaxBodyBytes(10_000))) {
            ApiClient admin = TestServers.admin(server);

            var r = admin.patch(PolicyApiTest.GROUPS + "big", Map.of("description", "x".repeat(20_000)));

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("error_code").asLong()).isEqualTo(259);
        }
    }

    @Test
    void importOf5000NetworkPoliciesIsAccepted() {
        try (RunningServer server = TestServers.h2()) {
            ApiClient admin = TestServers.admin(server);
            ClusterSetup.register(admin, "big").push(new ArrayList<>(Fixtures.inventory("ns", 5000)));
            var ids = new ArrayList<String>();
            for (int i = 0; i < 5000; i++) {
                ids.add("ns-np-" + i);
            }

            var r = admin.post(ImportApiTest.IMPORT, Map.of("network_policy_ids", List.copyOf(ids)));

            assertThat(r.json().get("success_count").asInt()).as(r.text()).isEqualTo(5000);
            assertThat(admin.get(ImportApiTest.POLICIES + "?page_size=1").json().get("result_count").asInt())
                    .isEqualTo(10_000);
        }
    }
}
