package io.breakwater.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.k8s.Protocol;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The case folders of shared/acceptance/k8s-e2e, read at test time: every target's acceptance test reads them here. */
public final class SharedCases {

    public static final Path DIR =
            Path.of(System.getProperty("breakwater.acceptance.dir", "../../shared/acceptance/k8s-e2e"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One probe of one case: what the truth table says. */
    public record Probe(String caseId, String title, Protocol protocol, int port, List<String> pods,
            List<String> matrix) {

        public String testName() {
            return caseId + " " + protocol + "/" + port + ": " + title;
        }
    }

    private SharedCases() {}

    public static List<Probe> probes() throws IOException {
        var out = new ArrayList<Probe>();
        try (Stream<Path> cases = Files.list(DIR)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                JsonNode expect = YAML.readTree(dir.resolve("expect.yaml").toFile());
                for (JsonNode p : expect.get("probes")) {
                    var pods = new ArrayList<String>();
                    p.get("pods").forEach(n -> pods.add(n.asText()));
                    var rows = new ArrayList<String>();
                    p.get("matrix").forEach(n -> rows.add(n.asText()));
                    out.add(new Probe(dir.getFileName().toString(), expect.get("title").asText(),
                            Protocol.valueOf(p.get("protocol").asText()), p.get("port").asInt(), pods, rows));
                }
            }
        }
        return out;
    }

    /** The case's cluster and policies, read and normalized (the shared cases are valid input). */
    public static K8sInput input(String caseId) {
        Path dir = DIR.resolve(caseId);
        var docs = DocumentReader.readPaths(List.of(dir.resolve("cluster.yaml").toString(),
                dir.resolve("policies.yaml").toString()), System.in);
        return Normalizer.normalize(docs.value()).value();
    }
}
