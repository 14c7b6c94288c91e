package io.breakwater.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed search query (the subset of NSX's Lucene-style {@code GET /policy/api/v1/search/query} syntax that
 * docs/api.md lists): terms, {@code field:value}, {@code AND} / {@code OR} / {@code NOT}, parentheses, {@code *}
 * and {@code ?} wildcards and quoted values. {@link #matches} tells whether an object (as the Policy API renders
 * it) is a hit.
 */
public sealed interface SearchQuery {

    /** The fields a term may name; {@code tags} takes {@code scope|tag} and matches one tag holding both. */
    Set<String> FIELDS = Set.of("resource_type", "id", "display_name", "description", "path", "parent_path",
            "tags.scope", "tags.tag", "tags", "category", "action", "direction", "sequence_number", "notes",
            "_create_user", "_last_modified_user");

    /** Fields whose value is one token: a term without wildcards matches the whole value, any case. */
    Set<String> KEYWORD_FIELDS = Set.of("resource_type", "id", "path", "parent_path", "tags.scope", "tags.tag",
            "tags", "category", "action", "direction", "sequence_number", "_create_user", "_last_modified_user");

    boolean matches(JsonNode object);

    static SearchQuery parse(String text) {
        return new SearchParser(text).parse();
    }

    record And(SearchQuery left, SearchQuery right) implements SearchQuery {
        @Override
        public boolean matches(JsonNode o) {
            return left.matches(o) && right.matches(o);
        }
    }

    record Or(SearchQuery left, SearchQuery right) implements SearchQuery {
        @Override
        public boolean matches(JsonNode o) {
            return left.matches(o) || right.matches(o);
        }
    }

    record Not(SearchQuery inner) implements SearchQuery {
        @Override
        public boolean matches(JsonNode o) {
            return !inner.matches(o);
        }
    }

    /**
     * One term. {@code field} null = every text field of the object. {@code value} is the unescaped text with
     * wildcards kept apart: {@code wildcard} says whether it holds any.
     */
    record Term(String field, Value value) implements SearchQuery {
        @Override
        public boolean matches(JsonNode o) {
            return field == null ? FieldValues.anyText(o).anyMatch(v -> value.matchesText(v))
                    : FieldValues.of(o, field).anyMatch(v -> KEYWORD_FIELDS.contains(field)
                            ? value.matchesWhole(v) : value.matchesText(v));
        }
    }

    /** A term's value: literal text, or a glob of {@code *} (any run) and {@code ?} (one character). */
    record Value(String display, Pattern whole, Pattern words, boolean wildcard) {

        /** {@code parts}: literal pieces and the wildcards between them, as the parser found them. */
        static Value of(List<String> parts) {
            var regex = new StringBuilder();
            var display = new StringBuilder();
            boolean wildcard = false;
            for (String part : parts) {
                display.append(part.equals(SearchParser.STAR) ? "*" : part.equals(SearchParser.ONE) ? "?" : part);
                if (part.equals(SearchParser.STAR)) {
                    regex.append(".*");
                    wildcard = true;
                } else if (part.equals(SearchParser.ONE)) {
                    regex.append('.');
                    wildcard = true;
                } else {
                    regex.append(Pattern.quote(part.toLowerCase(Locale.ROOT)));
                }
            }
            int flags = Pattern.DOTALL | Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE;
            return new Value(display.toString(), Pattern.compile(regex.toString(), flags),
                    Pattern.compile("(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])", flags), wildcard);
        }

        boolean matchesWhole(String text) {
            return whole.matcher(text).matches();
        }

        /** Whole value, or (without wildcards) a run of whole words in it — as an analyzed text field matches. */
        boolean matchesText(String text) {
            return whole.matcher(text).matches() || (!wildcard && words.matcher(text).find());
        }
    }
}
