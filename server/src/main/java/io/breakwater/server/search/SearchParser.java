package io.breakwater.server.search;

import io.breakwater.server.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive descent over the query text. Precedence: {@code NOT} (or {@code !}) binds tightest, then {@code AND}
 * ({@code &&}, or two terms side by side), then {@code OR} ({@code ||}). Anything outside the supported subset is
 * refused with the position and what to write instead.
 */
final class SearchParser {

    static final String STAR = "\u0000*";
    static final String ONE = "\u0000?";
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;
    private int depth;

    SearchParser(String text) {
        this.text = text;
    }

    SearchQuery parse() {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("query", "query is required, e.g. resource_type:SecurityPolicy AND "
                    + "tags.scope:breakwater.io/namespace");
        }
        if (text.length() > MAX_LENGTH) {
            throw DomainException.invalid("query", "query must be at most " + MAX_LENGTH + " characters");
        }
        SearchQuery q = or(null);
        skipSpace();
        if (pos < text.length()) {
            throw error(text.charAt(pos) == ')' ? "unbalanced ')'" : "unexpected '" + text.charAt(pos) + "'");
        }
        return q;
    }

    private SearchQuery or(String field) {
        SearchQuery left = and(field);
        while (operator("OR", "||")) {
            left = new SearchQuery.Or(left, and(field));
        }
        return left;
    }

    private SearchQuery and(String field) {
        SearchQuery left = unary(field);
        while (true) {
            if (operator("AND", "&&")) {
                left = new SearchQuery.And(left, unary(field));
            } else if (startsOperand()) {
                left = new SearchQuery.And(left, unary(field));
            } else {
                return left;
            }
        }
    }

    private SearchQuery unary(String field) {
        skipSpace();
        if (operator("NOT", "!")) {
            if (++depth > MAX_DEPTH) {
                throw error("NOT and parentheses nest deeper than " + MAX_DEPTH);
            }
            SearchQuery inner = unary(field);
            depth--;
            return new SearchQuery.Not(inner);
        }
        return primary(field);
    }

    private SearchQuery primary(String field) {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a term is missing at the end");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            if (++depth > MAX_DEPTH) {
                throw error("NOT and parentheses nest deeper than " + MAX_DEPTH);
            }
            pos++;
            SearchQuery inner = or(field);
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error("'(' is not closed");
            }
            pos++;
            depth--;
            return inner;
        }
        if (c == ')') {
            throw error("a term is missing before ')'");
        }
        if (c == '+' || c == '-') {
            throw error("the prefixes + and - are not supported; use AND and NOT");
        }
        if (c == '[' || c == '{') {
            throw error("range queries ([a TO b]) are not supported");
        }
        if (c == '"') {
            return new SearchQuery.Term(field, quoted());
        }
        int start = pos;
        String name = fieldName();
        if (name != null) {
            if (field != null) {
                pos = start;
                throw error("a field inside " + field + ":( … ) cannot name another field");
            }
            if (!SearchQuery.FIELDS.contains(name)) {
                pos = start;
                throw error("the field '" + name + "' is not searchable; searchable fields: "
                        + new TreeSet<>(SearchQuery.FIELDS));
            }
            if (pos >= text.length() || Character.isWhitespace(text.charAt(pos))) {
                throw error("the field " + name + ": has no value");
            }
            return primary(name);
        }
        return new SearchQuery.Term(field, word());
    }

    /** {@code name:} at the cursor: consumes it and answers the name, or answers null and consumes nothing. */
    private String fieldName() {
        int i = pos;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                || text.charAt(i) == '.')) {
            i++;
        }
        if (i > pos && i < text.length() && text.charAt(i) == ':') {
            String name = text.substring(pos, i);
            pos = i + 1;
            return name;
        }
        return null;
    }

    private SearchQuery.Value quoted() {
        int open = pos++;
        var sb = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        if (pos >= text.length()) {
            pos = open;
            throw error("the quote is not closed");
        }
        pos++;
        if (pos < text.length() && (text.charAt(pos) == '~' || text.charAt(pos) == '^')) {
            throw error("proximity (~) and boosts (^) are not supported");
        }
        return SearchQuery.Value.of(List.of(sb.toString()));
    }

    private SearchQuery.Value word() {
        var parts = new ArrayList<String>();
        var literal = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || text.startsWith("||", pos)
                    || text.startsWith("&&", pos)) {
                break;
            }
            pos++;
            switch (c) {
                case '\\' -> {
                    if (pos >= text.length()) {
                        throw error("a backslash must escape a character");
                    }
                    literal.append(text.charAt(pos++));
                }
                case '*', '?' -> {
                    if (!literal.isEmpty()) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(c == '*' ? STAR : ONE);
                }
                case '~', '^' -> {
                    pos--;
                    throw error("fuzzy terms (~) and boosts (^) are not supported");
                }
                case ':' -> {
                    pos--;
                    throw error("a second ':' needs a backslash (\\:) or quotes");
                }
                case '[', ']', '{', '}' -> {
                    pos--;
                    throw error("range queries ([a TO b]) are not supported; quote a value that holds brackets");
                }
                default -> literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        if (parts.isEmpty()) {
            throw error("a term is missing");
        }
        return SearchQuery.Value.of(parts);
    }

    /** Consumes the operator (word form in capitals, or symbol) when it is next. */
    private boolean operator(String word, String symbol) {
        skipSpace();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        if (text.startsWith(word, pos)) {
            int end = pos + word.length();
            if (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(') {
                pos = end;
                return true;
            }
        }
        return false;
    }

    private boolean startsOperand() {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) == ')' || text.startsWith("||", pos)) {
            return false;
        }
        int save = pos;
        boolean isOr = operator("OR", "||");
        pos = save;
        return !isOr;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private DomainException error(String message) {
        return DomainException.invalid("query", "query: " + message + " (at character " + (pos + 1) + ")");
    }
}
