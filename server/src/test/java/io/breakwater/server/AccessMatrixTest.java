package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint x every principal, from access-matrix.yaml, and HEAD on every GET endpoint: allowed → not
 * 401/403/500, else 403; anonymous → 401.
 */
class AccessMatrixTest {

    record Row(String note, String method, String path, String body, List<String> allowed) {}

    static RunningServer server;
    static Map<String, ApiClient> principals = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        ApiClient admin = TestServers.admin(server);
        admin.put("/api/v1/breakwater/users/se", Map.of("password", "se-password", "role", "security_engineer"));
        admin.put("/api/v1/breakwater/users/aud", Map.of("password", "aud-password", "role", "auditor"));
        ClusterSetup prod = ClusterSetup.register(admin, "prod");
        ClusterSetup dev = ClusterSetup.register(admin, "dev");
        prod.push(List.of(Fixtures.namespace("shop")));
        admin.patch(PolicyApiTest.GROUPS + "g1", PolicyApiTest.group("g1"));
        admin.patch(PolicyApiTest.POLICIES + "p1", Map.of("rules", List.of(Map.of("id", "r1", "action", "ALLOW"))));
        principals.put("enterprise_admin", admin);
        principals.put("security_engineer", admin.basic("se", "se-password"));
        principals.put("auditor", admin.basic("aud", "aud-password"));
        principals.put("own_adapter", prod.adapter());
        principals.put("other_adapter", dev.adapter());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Row>>() {});
        }
    }

    /** The rows, and for every GET row its HEAD twin: HEAD must meet the same guard. */
    static List<Row> rowsWithHead() throws IOException {
        var out = new ArrayList<Row>();
        for (Row row : rows()) {
            out.add(row);
            if (row.method().equals("GET")) {
                out.add(new Row(row.note() + " (HEAD)", "HEAD", row.path(), null, row.allowed()));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryPrincipal() throws IOException {
        var tests = new ArrayList<DynamicTest>();
        for (Row row : rowsWithHead()) {
            tests.add(DynamicTest.dynamicTest(row.note() + " as anonymous → 401", () -> {
                var r = principals.get("enterprise_admin").anonymous().send(row.method(), row.path(), row.body());
                assertThat(r.status()).as(r.text()).isEqualTo(401);
                if (!row.method().equals("HEAD")) {
                    assertThat(r.json().get("error_code").asLong()).isEqualTo(403);
                }
            }));
            principals.forEach((name, client) -> tests.add(DynamicTest.dynamicTest(
                    row.note() + " as " + name + (row.allowed().contains(name) ? " → allowed" : " → 403"), () -> {
                        var r = client.send(row.method(), row.path(), row.body());
                        if (row.allowed().contains(name)) {
                            assertThat(r.status()).as(r.text()).isNotIn(401, 403).isLessThan(500);
                        } else {
                            assertThat(r.status()).as(r.text()).isEqualTo(403);
                            if (!row.method().equals("HEAD")) {
                                assertThat(r.json().get("httpStatus").asText()).isEqualTo("FORBIDDEN");
                            }
                        }
                    })));
        }
        return tests.stream();
    }
}
