package io.breakwater.core.contrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** Writes a {@link ContrailPlan} as JSON or YAML, fields in record order. */
public final class ContrailDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(
            new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ContrailDocuments() {}

    public static String json(ContrailPlan plan) {
        return write(JSON, plan) + "\n";
    }

    public static String yaml(ContrailPlan plan) {
        return write(YAML, plan);
    }

    private static String write(ObjectMapper mapper, ContrailPlan plan) {
        try {
            return mapper.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Contrail plan must always serialize: " + e.getMessage(), e);
        }
    }
}
