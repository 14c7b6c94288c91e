package io.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code breakwater apply}: writes edited groups and security policies back, as {@code kubectl apply} after
 * {@code get -o yaml}. Each object is a PUT to its path, so a stale {@code _revision} is refused (nsx-api.md §2.2).
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
            "Writes groups and security policies (with their rules) to the server: each object is a full replace "
                + "(PUT) at its path. Edit what `breakwater get groups|policies -o yaml` prints and apply it; an "
                + "object whose _revision is no longer current is refused, so a concurrent edit is never lost.",
            "Objects are applied in file order, each in its own transaction; the first refusal stops the command."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every object was applied",
            "2:bad usage, an unreadable file or an object without path, or the server refused an object "
                + "(stale _revision, invalid field)",
            "4:the server cannot be reached",
            "5:the server refused the credentials (401) or the role (403)"
        })
final class ApplyCommand implements Callable<Integer> {

    private static final String POLICY_API = "/policy/api/v1";
    private static final String DOMAIN = "/infra/domains/default/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerConnection connection;

    @Option(names = {"-f", "--filename"}, paramLabel = "PATH", required = true,
            description = "YAML or JSON: one object, a list, or several YAML documents; - for stdin. Repeatable.")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        var objects = new ArrayList<ObjectNode>();
        var sources = new ArrayList<String>(); // "file#n" of each object, to name it in errors
        for (String path : paths) {
            objects.addAll(read(path, sources));
        }
        List<String> targets = java.util.stream.IntStream.range(0, objects.size())
                .mapToObj(i -> pathOf(objects.get(i), sources.get(i))).toList(); // every input error before a call
        var out = spec.commandLine().getOut();
        for (int i = 0; i < objects.size(); i++) {
            String path = targets.get(i);
            JsonNode stored = connection.put(POLICY_API + path, objects.get(i));
            out.println("applied " + path + " (revision " + stored.path("_revision").asText() + ")");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private List<ObjectNode> read(String path, List<String> sources) {
        try (InputStream in = path.equals(InputOptions.STDIN) ? main.stdin() : Files.newInputStream(Path.of(path));
             MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(in)) {
            var out = new ArrayList<ObjectNode>();
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                for (JsonNode item : doc.isArray() ? doc : List.of(doc)) {
                    if (!(item instanceof ObjectNode object)) {
                        throw Abort.badInput(path + "#" + index + ": must be an object "
                                + "(a Group or SecurityPolicy) or a list of them");
                    }
                    out.add(object);
                    sources.add(path + "#" + index);
                    index++;
                }
            }
            return out;
        } catch (IOException e) {
            throw Abort.badInput(path + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file or directory" : Failures.firstLine(String.valueOf(e.getMessage()))));
        }
    }

    /** {@code path} as the server printed it, else {@code resource_type} and {@code id}. */
    private static String pathOf(ObjectNode object, String source) {
        String path = object.path("path").asText("");
        if (path.startsWith(DOMAIN + "groups/") || path.startsWith(DOMAIN + "security-policies/")) {
            return path;
        }
        String id = object.path("id").asText("");
        String collection = switch (object.path("resource_type").asText("")) {
            case "Group" -> "groups/";
            case "SecurityPolicy" -> "security-policies/";
            default -> "";
        };
        if (collection.isEmpty() || id.isEmpty()) {
            throw Abort.badInput(source + ": object " + (id.isEmpty() ? "without id" : id) + ": needs "
                    + "a path under " + DOMAIN + "groups/ or " + DOMAIN + "security-policies/, or resource_type "
                    + "Group or SecurityPolicy and an id");
        }
        return DOMAIN + collection + id;
    }
}
