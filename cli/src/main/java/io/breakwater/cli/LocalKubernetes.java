package io.breakwater.cli;

import io.breakwater.adapter.realize.AntreaKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Kubernetes API (fabric8's mock server in CRUD mode) that knows the Antrea kinds, for
 * {@code breakwater demo}: lists, watches and label selectors work; admission webhooks and server-side apply do not.
 */
final class LocalKubernetes implements AutoCloseable {
    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private LocalKubernetes(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    static LocalKubernetes start() {
        MOCK_LOG.setLevel(Level.WARNING); // it logs every request at INFO
        var crds = new java.util.ArrayList<>(Arrays.stream(AntreaKind.values()).map(AntreaKind::crdContext).toList());
        Arrays.stream(io.breakwater.adapter.health.MonitoringKind.values()).forEach(k -> crds.add(k.crdContext()));
        Arrays.stream(io.breakwater.adapter.stats.StatsKind.values()).forEach(k -> crds.add(k.crdContext()));
        crds.add(io.breakwater.adapter.traceflow.TraceflowKind.crdContext());
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(crds), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        return new LocalKubernetes(server);
    }

    /** Creates every object of a multi-document YAML stream; returns how many. */
    int load(InputStream yaml) {
        var items = client.load(yaml).items();
        items.forEach(item -> client.resource(item).create());
        return items.size();
    }

    KubernetesClient client() {
        return client;
    }

    String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
