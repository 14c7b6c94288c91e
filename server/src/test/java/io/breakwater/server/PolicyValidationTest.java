package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field NSX validates is validated here too, with its field path: nothing invalid is stored. */
class PolicyValidationTest {

    static RunningServer server;
    static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.h2();
        admin = TestServers.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String policyWithEntry(String entry) {
        return "{\"rules\":[{\"id\":\"r\",\"action\":\"ALLOW\",\"service_entries\":[" + entry + "]}]}";
    }

    @ParameterizedTest(name = "port {0} → 400 at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "abc"  | rules[0].service_entries[0].destination_ports[0]
            70000  | rules[0].service_entries[0].destination_ports[0]
            -1     | rules[0].service_entries[0].destination_ports[0]
            "5-1"  | rules[0].service_entries[0].destination_ports[0]
            "0"    | rules[0].service_entries[0].destination_ports[0]
            """)
    void invalidPortIs400(String port, String path) {
        var r = admin.patch(PolicyApiTest.POLICIES + "ports", policyWithEntry(
                "{\"resource_type\":\"L4PortSetServiceEntry\",\"l4_protocol\":\"TCP\",\"destination_ports\":[" + port
                        + "]}"));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().findValuesAsText("details")).contains(path);
        assertThat(admin.get(PolicyApiTest.POLICIES + "ports").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} → 400 at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ICMP in an L4 entry | {"resource_type":"L4PortSetServiceEntry","l4_protocol":"ICMP"} | rules[0].service_entries[0].l4_protocol
            ICMP type 300       | {"resource_type":"ICMPTypeServiceEntry","protocol":"ICMPv4","icmp_type":300} | rules[0].service_entries[0].icmp_type
            protocol 256        | {"resource_type":"IPProtocolServiceEntry","protocol_number":256} | rules[0].service_entries[0].protocol_number
            """)
    void invalidServiceEntryIs400(String note, String entry, String path) {
        var r = admin.patch(PolicyApiTest.POLICIES + "entries", policyWithEntry(entry));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().findValuesAsText("details")).contains(path);
    }

    @ParameterizedTest(name = "{0} → 400 at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            IP 999.1.1.1       | {"resource_type":"IPAddressExpression","ip_addresses":["999.1.1.1"]} | expression[0].ip_addresses[0]
            prefix /40         | {"resource_type":"IPAddressExpression","ip_addresses":["10.0.0.0/40"]} | expression[0].ip_addresses[0]
            word hello         | {"resource_type":"IPAddressExpression","ip_addresses":["hello"]} | expression[0].ip_addresses[0]
            no addresses       | {"resource_type":"IPAddressExpression","ip_addresses":[]} | expression[0].ip_addresses
            empty Condition    | {"resource_type":"Condition"} | expression[0].member_type
            paths to nothing   | {"resource_type":"PathExpression","paths":[]} | expression[0].paths
            path not a group   | {"resource_type":"PathExpression","paths":["/infra/x"]} | expression[0].paths[0]
            empty nesting      | {"resource_type":"NestedExpression","expressions":[]} | expression[0].expressions
            """)
    void invalidGroupExpressionIs400(String note, String expression, String path) {
        var r = admin.patch(PolicyApiTest.GROUPS + "bad", "{\"expression\":[" + expression + "]}");

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().findValuesAsText("details")).contains(path);
    }

    @ParameterizedTest(name = "{0} is stored")
    @CsvSource(delimiter = '|', textBlock = """
            port and range | {"resource_type":"IPAddressExpression","ip_addresses":["10.0.0.1","10.0.0.0/8","10.0.0.1-10.0.0.9","fd00::/64"]}
            condition      | {"resource_type":"Condition","member_type":"Pod","key":"Name","operator":"EQUALS","value":"web"}
            """)
    void validGroupExpressionIsStored(String note, String expression) {
        var r = admin.patch(PolicyApiTest.GROUPS + "good", "{\"expression\":[" + expression + "]}");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
}
