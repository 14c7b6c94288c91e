package io.breakwater.core.contrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Test inputs under src/test/resources/contrail/, read as the CLI reads files. */
final class ContrailFixtures {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ContrailFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(ContrailFixtures.class.getResource("/contrail/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad resource name '" + name + "'", e);
        }
    }

    static K8sInput input(String... names) {
        var paths = java.util.Arrays.stream(names).map(n -> resource(n).toString()).toList();
        var docs = DocumentReader.readPaths(paths, System.in);
        var normalized = Normalizer.normalize(docs.value());
        if (normalized.hasErrors()) {
            throw new IllegalArgumentException("fixture " + List.of(names) + " does not normalize: " + normalized.errors());
        }
        return normalized.value();
    }

    static JsonNode yaml(String name) {
        try {
            return YAML.readTree(resource(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
