package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every probe of every case folder in the shared acceptance directory, as the CLI tests feed them to {@code matrix}. */
final class SharedProbes {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One probe: the case, its protocol and port as command-line values, and the expected pods and matrix. */
    record Probe(String caseId, String protocol, String port, JsonNode pods, JsonNode matrix) {

        String testName() {
            return caseId + " " + protocol + "/" + port;
        }
    }

    private SharedProbes() {}

    static List<Probe> all() throws IOException {
        var out = new ArrayList<Probe>();
        try (Stream<Path> cases = Files.list(CliRun.ACCEPTANCE)) {
            for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
                String caseId = dir.getFileName().toString();
                for (JsonNode probe : YAML.readTree(dir.resolve("expect.yaml").toFile()).get("probes")) {
                    out.add(new Probe(caseId, probe.get("protocol").asText(), probe.get("port").asText(),
                            probe.get("pods"), probe.get("matrix")));
                }
            }
        }
        return out;
    }
}
