package io.breakwater.core.antrea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.List;
import java.util.regex.Pattern;

/** Writes Antrea objects as {@code kubectl apply -f -} reads them: one YAML document per object, or a JSON List. */
public final class AntreaYaml {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .stringQuotingChecker(new Yaml11Quoting())
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES).build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AntreaYaml() {}

    /**
     * kubectl reads YAML 1.1, where {@code 1}, {@code 0x1F}, {@code 1_000} or {@code 1:30} are numbers: such strings
     * (annotation values, label values) are quoted so they stay strings.
     */
    private static final class Yaml11Quoting extends StringQuotingChecker.Default {
        private static final Pattern NUMBER_LIKE =
                Pattern.compile("[-+]?(\\.?[0-9][0-9a-fA-FxXoObB_:.eE+-]*|\\.(inf|Inf|INF|nan|NaN|NAN))");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
        }
    }

    /** Multi-document YAML, each document starting with {@code ---}. */
    public static String write(List<? extends AntreaObject> objects) {
        var out = new StringBuilder();
        for (AntreaObject o : objects) {
            try {
                out.append(YAML.writeValueAsString(o));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialize " + o.kind() + " " + o.name(), e);
            }
        }
        return out.toString();
    }

    /** A {@code v1} List of the objects as indented JSON, which {@code kubectl apply -f -} also takes. */
    public static String writeJsonList(List<? extends AntreaObject> objects) {
        var list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        var items = list.putArray("items");
        objects.forEach(o -> items.add(tree(o)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the object list", e);
        }
    }

    /** The object as the API server would receive it (what admission checks look at). */
    public static JsonNode tree(AntreaObject object) {
        return JSON.valueToTree(object);
    }

    /** Canonical JSON of any value: keys in declared/sorted order, no whitespace (for spec hashes). */
    public static String canonicalJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }
}
