package io.breakwater.core.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.breakwater.core.problem.Code;
import io.breakwater.core.problem.FieldPath;
import io.breakwater.core.problem.ObjectRef;
import io.breakwater.core.problem.Problem;
import io.breakwater.core.problem.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects from YAML or JSON: multi-document YAML, {@code kind: List} and {@code *List}
 * wrappers (what {@code kubectl get -o yaml} prints), whole directories ({@code *.yaml}, {@code *.yml},
 * {@code *.json} below, in name order) and {@code -} for standard input. Never throws on bad bytes: every
 * failure becomes a {@link Problem} naming the source.
 */
public final class DocumentReader {

    /** Messages of parsers are cut here: they may quote the input. */
    private static final int MAX_MESSAGE_CHARS = 200;

    private final ReadLimits limits;
    private final ObjectMapper json;

    private DocumentReader(ReadLimits limits) {
        this.limits = limits;
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints(limits)).build())
                // kubectl's strict field validation refuses duplicate keys; a silent last-wins could hide a rule
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** A reader with the limits of the environment ({@link ReadLimits#fromEnvironment}). */
    private static DocumentReader fromEnvironment() {
        return new DocumentReader(ReadLimits.fromEnvironment(System.getenv()));
    }

    /** Reads every path (file, directory or {@code -}); all problems of all sources are reported together. */
    public static Result<List<K8sDocument>> readPaths(List<String> paths, InputStream stdin) {
        return readPaths(paths, stdin, ReadLimits.fromEnvironment(System.getenv()));
    }

    public static Result<List<K8sDocument>> readPaths(List<String> paths, InputStream stdin, ReadLimits limits) {
        var reader = new DocumentReader(limits);
        var docs = new ArrayList<K8sDocument>();
        var problems = new ArrayList<Problem>();
        for (String p : paths) {
            Result<List<K8sDocument>> r = reader.path(p, stdin);
            docs.addAll(r.value());
            problems.addAll(r.problems());
        }
        return new Result<>(docs, problems);
    }

    public static Result<List<K8sDocument>> readPath(String path, InputStream stdin) {
        return fromEnvironment().path(path, stdin);
    }

    private Result<List<K8sDocument>> path(String path, InputStream stdin) {
        if (path.equals("-")) {
            try {
                byte[] bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxSourceBytes() + 1));
                if (bytes.length > limits.maxSourceBytes()) {
                    return tooLarge("<stdin>", "more than " + limits.maxSourceBytes() + " bytes");
                }
                return bytes("<stdin>", bytes);
            } catch (IOException e) {
                return unreadable("<stdin>", "cannot read: " + e.getMessage());
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

    private Result<List<K8sDocument>> readDirectory(Path dir) {
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

    private Result<List<K8sDocument>> readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > limits.maxSourceBytes()) {
                return tooLarge(file.toString(), size + " bytes");
            }
            return bytes(file.toString(), Files.readAllBytes(file));
        } catch (IOException | UncheckedIOException | OutOfMemoryError e) {
            return unreadable(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private Result<List<K8sDocument>> tooLarge(String source, String size) {
        return new Result<>(List.of(), List.of(Problem.error(ObjectRef.source(source), FieldPath.ROOT,
                Code.INPUT_TOO_LARGE, "input of " + size + " is larger than the " + limits.maxSourceBytes()
                        + " bytes allowed (the limit is " + ReadLimits.MAX_SOURCE_BYTES + ")")));
    }

    /** Decodes UTF-8 strictly (a binary file is one clear problem, not a parser's guess), then parses. */
    public static Result<List<K8sDocument>> readBytes(String source, byte[] bytes) {
        return fromEnvironment().bytes(source, bytes);
    }

    private Result<List<K8sDocument>> bytes(String source, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Result<>(List.of(), List.of(Problem.error(ObjectRef.source(source), FieldPath.ROOT,
                    Code.SYNTAX, "not UTF-8 text (binary data?)")));
        }
        return text(source, text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** Parses one text (YAML, or JSON when it starts with a brace or bracket) into documents, unwrapping lists. */
    public static Result<List<K8sDocument>> readText(String source, String text) {
        return fromEnvironment().text(source, text);
    }

    public static Result<List<K8sDocument>> readText(String source, String text, ReadLimits limits) {
        return new DocumentReader(limits).text(source, text);
    }

    private Result<List<K8sDocument>> text(String source, String text) {
        var nodes = new ArrayList<JsonNode>();
        var problems = new ArrayList<Problem>();
        try {
            if (looksLikeJson(text)) {
                readJson(text, nodes);
            } else {
                YamlTrees.documents(text, limits, nodes);
            }
        } catch (YamlTrees.YamlError e) {
            String where = at(e.line, e.column) + ": " + firstLine(e.getMessage());
            problems.add(e.tooLarge ? tooLarge(source, nodes.size(), where) : syntax(source, nodes.size(), where));
        } catch (StreamConstraintsException e) {
            String where = (e.getLocation() == null ? ""
                    : at(e.getLocation().getLineNr(), e.getLocation().getColumnNr())) + ": ";
            String tooLong = jsonLength(e);
            problems.add(tooLong != null ? tooLarge(source, nodes.size(), where + tooLong)
                    : syntax(source, nodes.size(), where + jsonShape(e)));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            problems.add(syntax(source, nodes.size(), (where == null ? "" : at(where.getLineNr(), where.getColumnNr()))
                    + ": " + firstLine(e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            problems.add(syntax(source, nodes.size(), ": " + firstLine(e.getMessage())));
        } catch (StackOverflowError e) {
            problems.add(syntax(source, nodes.size(), ": nesting too deep"));
        }
        var docs = new ArrayList<K8sDocument>();
        for (int i = 0; i < nodes.size(); i++) {
            collect(source + "#" + i, nodes.get(i), docs, problems);
        }
        return new Result<>(docs, problems);
    }

    /** Jackson names its own getters in these messages; ours name the limit instead. Null: not a length. */
    private String jsonLength(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("String value length") || m.startsWith("Name length")) {
            return "string longer than " + limits.maxStringChars() + " characters (the limit is "
                    + ReadLimits.MAX_STRING_CHARS + ")";
        }
        if (m.startsWith("Document length")) {
            return "document longer than " + limits.maxDocumentChars() + " characters (the limit is "
                    + ReadLimits.MAX_DOCUMENT_CHARS + ")";
        }
        return null;
    }

    private static String jsonShape(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.startsWith("Number value length")) {
            return "number longer than " + YamlTrees.MAX_NUMBER_DIGITS + " digits";
        }
        if (m.contains("nesting depth")) {
            return "nested deeper than " + YamlTrees.MAX_DEPTH + " levels";
        }
        return "beyond the reader's limits";
    }

    private static Problem tooLarge(String source, int document, String detail) {
        return Problem.error(ObjectRef.source(source + "#" + document), FieldPath.ROOT, Code.INPUT_TOO_LARGE,
                "input too large" + detail);
    }

    private void readJson(String text, List<JsonNode> out) throws IOException {
        try (MappingIterator<JsonNode> it = json.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        }
    }

    private static Problem syntax(String source, int document, String detail) {
        return Problem.error(ObjectRef.source(source + "#" + document), FieldPath.ROOT, Code.SYNTAX,
                "not valid YAML or JSON" + detail);
    }

    private static void collect(String where, JsonNode node, List<K8sDocument> docs, List<Problem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // an empty document (comments only) holds no object
        }
        if (!node.isObject()) {
            problems.add(Problem.error(ObjectRef.source(where), FieldPath.ROOT, Code.NOT_AN_OBJECT,
                    "expected a Kubernetes object (a mapping with kind), found " + describe(node)));
            return;
        }
        JsonNode kind = node.get("kind");
        if (kind != null && kind.isTextual() && kind.asText().endsWith("List")) {
            unwrap(where, (ObjectNode) node, kind.asText(), docs, problems);
            return;
        }
        docs.add(new K8sDocument(where, node));
    }

    /**
     * {@code kind: List} holds objects of any kind. A typed list ({@code NetworkPolicyList}, as the API
     * returns it) may omit kind and apiVersion on its items: they are the list's, without the suffix.
     */
    private static void unwrap(String where, ObjectNode list, String listKind, List<K8sDocument> docs,
            List<Problem> problems) {
        JsonNode items = list.get("items");
        if (items == null || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            problems.add(Problem.error(ObjectRef.source(where), FieldPath.of("items"), Code.WRONG_TYPE,
                    "must be a list, not " + describe(items)));
            return;
        }
        String itemKind = listKind.equals("List") ? "" : listKind.substring(0, listKind.length() - "List".length());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!itemKind.isEmpty() && item.isObject() && !item.has("kind")) {
                ObjectNode typed = ((ObjectNode) item).deepCopy();
                typed.put("kind", itemKind);
                if (!typed.has("apiVersion") && list.get("apiVersion") != null) {
                    typed.set("apiVersion", list.get("apiVersion"));
                }
                item = typed;
            }
            collect(where + ".items[" + i + "]", item, docs, problems);
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY, POJO -> "binary data";
        };
    }

    private static String at(int line, int column) {
        return line < 1 ? "" : " at line " + line + ", column " + column;
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

    /** The first line of a parser's message, cut short: parsers quote input, and input can be megabytes. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() <= MAX_MESSAGE_CHARS ? line : line.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static StreamReadConstraints constraints(ReadLimits limits) {
        return StreamReadConstraints.builder().maxNestingDepth(YamlTrees.MAX_DEPTH)
                .maxNumberLength(YamlTrees.MAX_NUMBER_DIGITS).maxStringLength(limits.maxStringChars())
                .maxNameLength(limits.maxStringChars())
                .maxDocumentLength(limits.maxDocumentChars()).build();
    }
}
