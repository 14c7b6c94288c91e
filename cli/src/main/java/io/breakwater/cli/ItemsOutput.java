package io.breakwater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;

/** Server replies as {@code -o table} (kubectl-like aligned columns), {@code json} or {@code yaml}. */
final class ItemsOutput {

    enum Format { table, json, yaml }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ItemsOutput() {}

    /** The value as indented JSON or as YAML; {@code table} is not a document format. */
    static String document(Format format, Object value) {
        try {
            return switch (format) {
                case json -> JSON.writeValueAsString(value) + "\n";
                case yaml -> YAML.writeValueAsString(value);
                case table -> throw new IllegalArgumentException("a table is not a document format");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reply as " + format + ": " + e.getMessage(), e);
        }
    }

    /** {@link #columns}, or {@code No resources found.} when there are no rows (kubectl's wording). */
    static String table(List<String> header, List<List<String>> rows) {
        return rows.isEmpty() ? "No resources found.\n" : columns(header, rows);
    }

    /** The header and rows, each column padded to its widest cell plus three spaces, as kubectl prints them. */
    static String columns(List<String> header, List<List<String>> rows) {
        var all = new ArrayList<List<String>>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (var row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var out = new StringBuilder();
        for (var row : all) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(i == row.size() - 1 ? cell : cell + " ".repeat(widths[i] + 3 - cell.length()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A text field, or {@code <none>} when absent or empty. */
    static String text(JsonNode node, String field) {
        String v = node.path(field).asText("");
        return v.isEmpty() ? "<none>" : v;
    }

    /** {@code k=v,k2=v2} as kubectl shows labels and selectors; {@code <none>} when empty. */
    static String labels(JsonNode map) {
        var parts = new ArrayList<String>();
        map.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }
}
