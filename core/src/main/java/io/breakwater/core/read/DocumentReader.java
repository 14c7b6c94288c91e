package io.breakwater.core.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads Kubernetes objects from YAML or JSON: multi-document YAML, {@code kind: List} and {@code *List}
 * wrappers (what {@code kubectl get -o yaml} prints), whole directories ({@code *.yaml}, {@code *.yml},
 * {@code *.json} below, in name order) and {@code -} for standard input. Never throws on bad bytes: every
 * failure becomes a {@link Problem} naming the source.
 */
public final class DocumentReader {

    private static final int MAX_DEPTH = 200;
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(constraints());
    }

    private DocumentReader() {}

    /** Reads every path (file, directory or {@code -}); all problems of all sources are reported together. */
    public static Result<List<K8sDocument>> readPaths(List<String> paths, InputStream stdin) {
        var docs = new ArrayList<K8sDocument>();
        var problems = new ArrayList<Problem>();
        for (String p : paths) {
            Result<List<K8sDocument>> r = readPath(p, stdin);
            docs.addAll(r.value());
            problems.addAll(r.problems());
        }
        return new Result<>(docs, problems);
    }

    public static Result<List<K8sDocument>> readPath(String path, InputStream stdin) {
        if (path.equals("-")) {
            try {
                return readText("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return unreadable("<stdin>", e.getMessage());
            }
        }
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            return readDirectory(p);
        }
        if (!Files.isRegularFile(p)) {
            return unreadable(path, "no such file or directory");
        }
        return readFile(p);
    }

    private static Result<List<K8sDocument>> readDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(DocumentReader::isManifest).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return unreadable(dir.toString(), "cannot list directory: " + e.getMessage());
        }
        var docs = new ArrayList<K8sDocument>();
        var problems = new ArrayList<Problem>();
        for (Path f : files) {
            Result<List<K8sDocument>> r = readFile(f);
            docs.addAll(r.value());
            problems.addAll(r.problems());
        }
        return new Result<>(docs, problems);
    }

    private static boolean isManifest(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static Result<List<K8sDocument>> readFile(Path file) {
        try {
            return readText(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return unreadable(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Parses one text (YAML, which includes JSON) into documents, unwrapping lists. */
    public static Result<List<K8sDocument>> readText(String source, String text) {
        var docs = new ArrayList<K8sDocument>();
        var problems = new ArrayList<Problem>();
        ObjectMapper mapper = looksLikeJson(text) ? JSON : YAML;
        int index = 0;
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                String where = source + "#" + index++;
                collect(where, node, docs, problems);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error(ObjectRef.source(source), FieldPath.ROOT, Code.SYNTAX,
                    "not valid YAML or JSON: " + firstLine(e.getMessage())));
        } catch (StackOverflowError e) {
            problems.add(Problem.error(ObjectRef.source(source), FieldPath.ROOT, Code.SYNTAX,
                    "nesting too deep"));
        }
        return new Result<>(docs, problems);
    }

    private static void collect(String where, JsonNode node, List<K8sDocument> docs, List<Problem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // an empty document (comments only) holds no object
        }
        if (!node.isObject()) {
            problems.add(Problem.error(ObjectRef.source(where), FieldPath.ROOT, Code.NOT_AN_OBJECT,
                    "expected a Kubernetes object (a mapping with kind), found " + node.getNodeType().name().toLowerCase()));
            return;
        }
        JsonNode kind = node.get("kind");
        JsonNode items = node.get("items");
        if (kind != null && kind.isTextual() && kind.asText().endsWith("List") && items != null) {
            if (!items.isArray()) {
                problems.add(Problem.error(ObjectRef.source(where), FieldPath.of("items"), Code.WRONG_TYPE,
                        "must be a list"));
                return;
            }
            int i = 0;
            for (JsonNode item : (ArrayNode) items) {
                collect(where + ".items[" + i++ + "]", item, docs, problems);
            }
            return;
        }
        docs.add(new K8sDocument(where, node));
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private static Result<List<K8sDocument>> unreadable(String source, String why) {
        return new Result<>(List.of(), List.of(
                Problem.error(ObjectRef.source(source), FieldPath.ROOT, Code.UNREADABLE_SOURCE, why)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(512 * 1024 * 1024);
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(MAX_DEPTH);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(options).build();
        f.setStreamReadConstraints(constraints());
        f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return f;
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(100).build();
    }
}
