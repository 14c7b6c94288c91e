package io.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Registers a cluster and pushes its inventory through the adapter API, as an adapter would. */
record ClusterSetup(String cluster, String credential, ApiClient adapter) {

    static final String CONTROL_PLANES =
            "/policy/api/v1/infra/sites/default/enforcement-points/default/cluster-control-planes/";

    static ClusterSetup register(ApiClient admin, String cluster) {
        var r = admin.put(CONTROL_PLANES + cluster, Map.of("display_name", cluster));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String credential = r.json().get("credential").asText();
        return new ClusterSetup(cluster, credential, admin.bearer(credential));
    }

    ApiClient.Response push(List<Object> objects) {
        var r = adapter.put("/api/v1/breakwater/clusters/" + cluster + "/inventory", Fixtures.fullSync(objects));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }
}
