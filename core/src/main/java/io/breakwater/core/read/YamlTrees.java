package io.breakwater.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML text to JSON trees the way kubectl reads it (YAML 1.1, as sigs.k8s.io/yaml does): aliases and merge
 * keys ({@code <<: *base}) are expanded, timestamps stay strings, duplicate keys are refused. Jackson's YAML
 * parser cannot be used here: it turns an alias into the anchor's name. Expansion is bounded, so an alias
 * bomb is one error, not an exhausted heap.
 */
final class YamlTrees {

    static final int MAX_DEPTH = 200;
    private static final int MAX_ALIASES = 100;
    private static final long MAX_EXPANDED_VALUES = 1_000_000;
    static final int MAX_NUMBER_DIGITS = 100;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A YAML problem and where it is ({@code line} 1-based, 0 when unknown); {@code tooLarge} for a cap. */
    static final class YamlError extends Exception {
        final int line;
        final int column;
        final boolean tooLarge;

        YamlError(String message, Mark mark) {
            this(message, mark, false);
        }

        YamlError(String message, Mark mark, boolean tooLarge) {
            super(message, null, false, false);
            this.line = mark == null ? 0 : mark.getLine() + 1;
            this.column = mark == null ? 0 : mark.getColumn() + 1;
            this.tooLarge = tooLarge;
        }
    }

    private final ReadLimits limits;
    private final Map<Node, JsonNode> converted = new IdentityHashMap<>();
    private final Map<Node, Long> sizes = new IdentityHashMap<>();
    private long expanded;

    private YamlTrees(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * Every document of the text, in order; an empty document is {@code null}. Stops at the first error. Time
     * and memory are linear in the text's length (see {@link WholeTextReader}).
     */
    static List<JsonNode> documents(String text, ReadLimits limits, List<JsonNode> out) throws YamlError {
        LoaderOptions options = options();
        var composer = new Composer(new ParserImpl(new WholeTextReader(text, limits.maxDocumentChars()), options),
                new Resolver(), options);
        try {
            while (composer.checkNode()) {
                Node doc = composer.getNode();
                out.add(doc == null ? JSON.nullNode() : new YamlTrees(limits).convert(doc));
            }
            return out;
        } catch (WholeTextReader.DocumentTooLong e) {
            throw new YamlError("document longer than " + limits.maxDocumentChars() + " characters (at line " + e.line
                    + "; the limit is " + ReadLimits.MAX_DOCUMENT_CHARS + ")", null, true);
        } catch (MarkedYAMLException e) {
            throw new YamlError(e.getProblem(), e.getProblemMark());
        } catch (YAMLException e) {
            throw new YamlError(e.getMessage(), null);
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // the reader enforces the document cap, with our message
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** A key or value longer than the string cap: one error quoting only its start. */
    private String checked(ScalarNode s) throws YamlError {
        String v = s.getValue();
        if (v.length() > limits.maxStringChars()) {
            throw new YamlError("string longer than " + limits.maxStringChars() + " characters (the limit is "
                    + ReadLimits.MAX_STRING_CHARS + "): \"" + Quote.prefix(v) + "\"", s.getStartMark(), true);
        }
        return v;
    }

    private JsonNode convert(Node node) throws YamlError {
        JsonNode done = converted.get(node);
        if (done != null) {
            expanded += sizes.get(node); // an alias: its values count again, as a consumer walks them again
            if (expanded > MAX_EXPANDED_VALUES) {
                throw new YamlError("aliases expand to more than " + MAX_EXPANDED_VALUES
                        + " values (a YAML alias bomb?)", node.getStartMark());
            }
            return done;
        }
        long[] size = {1};
        JsonNode result = switch (node) {
            case ScalarNode s -> scalar(s, checked(s));
            case SequenceNode seq -> sequence(seq, size);
            case MappingNode map -> mapping(map, size);
            default -> throw new YamlError("unsupported YAML node", node.getStartMark());
        };
        converted.put(node, result);
        sizes.put(node, size[0]);
        return result;
    }

    private ArrayNode sequence(SequenceNode seq, long[] size) throws YamlError {
        ArrayNode array = JSON.arrayNode();
        for (Node item : seq.getValue()) {
            array.add(convert(item));
            size[0] += sizes.getOrDefault(item, 1L);
        }
        return array;
    }

    private ObjectNode mapping(MappingNode map, long[] size) throws YamlError {
        ObjectNode object = JSON.objectNode();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlError("mapping keys must be strings", t.getKeyNode().getStartMark());
            }
            checked(key);
            if (key.getTag().equals(Tag.MERGE)) {
                merges.add(t.getValueNode());
                continue;
            }
            if (object.has(key.getValue())) {
                throw new YamlError("duplicate key \"" + Quote.prefix(key.getValue()) + "\"", key.getStartMark());
            }
            object.set(key.getValue(), convert(t.getValueNode()));
            size[0] += sizes.getOrDefault(t.getValueNode(), 1L);
        }
        for (Node merge : merges) {
            List<Node> sources = merge instanceof SequenceNode s ? s.getValue() : List.of(merge);
            for (Node source : sources) {
                if (!(convert(source) instanceof ObjectNode from)) {
                    throw new YamlError("a merge key (<<) takes a mapping or a list of mappings", source.getStartMark());
                }
                from.properties().forEach(e -> object.putIfAbsent(e.getKey(), e.getValue())); // explicit keys win
                size[0] += sizes.getOrDefault(source, 1L);
            }
        }
        return object;
    }

    private static JsonNode scalar(ScalarNode s, String v) throws YamlError {
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return JSON.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            String lower = v.toLowerCase(Locale.ROOT);
            return JSON.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
        }
        if (tag.equals(Tag.INT)) {
            return integer(s);
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return JSON.numberNode(Double.parseDouble(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.textNode(v); // .inf, .nan, 1:30.5: no JSON number; the field check reports it
            }
        }
        return JSON.textNode(v); // str, timestamp (kept as written), binary and custom tags
    }

    /** YAML 1.1 integers: decimal, 0b binary, 0 octal, 0x hex, with '_' separators; base-60 is refused. */
    private static JsonNode integer(ScalarNode s) throws YamlError {
        String text = s.getValue().replace("_", "");
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (digits.length() > MAX_NUMBER_DIGITS) {
            throw new YamlError("number longer than " + MAX_NUMBER_DIGITS + " digits", s.getStartMark());
        }
        int radix = 10;
        if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        try {
            BigInteger value = new BigInteger(digits, radix);
            value = negative ? value.negate() : value;
            return value.bitLength() < 32 ? JSON.numberNode(value.intValue())
                    : value.bitLength() < 64 ? JSON.numberNode(value.longValue()) : JSON.numberNode(value);
        } catch (NumberFormatException e) {
            return JSON.textNode(s.getValue()); // base 60 (1:20): kept as text, the field check reports it
        }
    }
}
