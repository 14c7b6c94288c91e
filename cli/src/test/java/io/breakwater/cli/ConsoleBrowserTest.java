package io.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser (Debian's /usr/bin/chromium driven by playwright-core, one browser for the
 * run) against a real {@code breakwater demo}: server, adapter and in-process Kubernetes API. The scenario lives in
 * web/src/test/e2e/console.e2e.mjs; this test starts the demo, adds an auditor, a security admin and an Ingress in
 * shop, runs the script with node and fails with its output when any step failed. Screenshots go to
 * web/target/console-screenshots (to docs/console with -Dbreakwater.console.screenshots=docs/console).
 */
class ConsoleBrowserTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path WEB = ROOT.resolve("web");
    private Demo demo;

    @BeforeEach
    void startDemo() throws IOException {
        demo = Demo.start(new Demo.Options(0, null, "demo",
                ConsoleBrowserTest.class.getResourceAsStream("/demo/cluster.yaml"), "127.0.0.1"));
        demo.admin("PUT", "/api/v1/breakwater/users/audrey", "{\"password\":\"auditor-pass-1\",\"role\":\"auditor\"}");
        demo.admin("PUT", "/api/v1/breakwater/users/sam", "{\"password\":\"security-pass-1\",\"role\":\"security_engineer\"}");
        demo.kubernetes().client().network().v1().ingresses().inNamespace("shop").resource(new IngressBuilder()
                .withNewMetadata().withName("shop-web").withNamespace("shop").endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("shop.example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("web")
                .withNewPort().withNumber(80).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build()).create();
    }

    @AfterEach
    void stopDemo() {
        demo.close();
    }

    /** What {@code kubectl get networkpolicies -n shop} lists in the demo's Kubernetes API. */
    private int kubectlNetworkPolicies(String namespace) {
        return demo.kubernetes().client().network().v1().networkPolicies().inNamespace(namespace).list().getItems().size();
    }

    @Test
    void consoleScenarioPassesInChromium() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (.ci/run installs it)").exists();
        assertThat(WEB.resolve("node_modules/playwright-core")).as("web/node_modules (the web module's npm ci)").exists();
        int shopPolicies = kubectlNetworkPolicies("shop");
        await().atMost(Duration.ofMinutes(3)).until(() -> demo.admin("GET",
                "/api/v1/breakwater/inventory/networkpolicies?cluster=demo&namespace=shop&page_size=1", null)
                .path("result_count").asInt() == shopPolicies);

        String shots = System.getProperty("breakwater.console.screenshots", "");
        Path screenshots = shots.isEmpty() ? WEB.resolve("target/console-screenshots") : ROOT.resolve(shots);
        Files.createDirectories(screenshots);
        Path log = Files.createTempFile("console-e2e", ".log");
        var process = new ProcessBuilder("node", "src/test/e2e/console.e2e.mjs").directory(WEB.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        var env = process.environment();
        env.put("BW_URL", demo.url());
        env.put("BW_ADMIN_PASSWORD", demo.adminPassword());
        env.put("BW_CLUSTER", demo.cluster());
        env.put("BW_SHOP_NP_COUNT", String.valueOf(shopPolicies));
        env.put("BW_SCREENSHOTS", screenshots.toString());
        Process p = process.start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES); // rule counters arrive once a minute
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        System.out.println(output);
        assertThat(done).as("browser run finished within 8 minutes:\n" + output).isTrue();
        assertThat(p.exitValue()).as("browser scenario:\n" + output).isZero();
        assertThat(output).contains("0 failed");
    }
}
