package io.breakwater.server.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code label} filter of the inventory lists: comma-separated {@code key} (the label is present) or
 * {@code key=value} terms, all of which must hold, as a kubectl equality selector.
 */
public record LabelFilter(List<Term> terms) {

    record Term(String key, String value) {
        boolean holds(JsonNode labels) {
            JsonNode v = labels.get(key);
            return v != null && (value == null || value.equals(v.asText()));
        }
    }

    public static LabelFilter parse(String text) {
        var terms = new ArrayList<Term>();
        if (text == null || text.isBlank()) {
            return new LabelFilter(terms);
        }
        for (String part : text.split(",")) {
            String term = part.trim();
            int eq = term.indexOf('=');
            String key = eq < 0 ? term : term.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw DomainException.invalid("label", "label: '" + text + "' has a term without a key; use key or "
                        + "key=value, comma-separated");
            }
            terms.add(new Term(key, eq < 0 ? null : term.substring(eq + 1).trim()));
        }
        return new LabelFilter(List.copyOf(terms));
    }

    public List<ObjectNode> apply(List<ObjectNode> views) {
        if (terms.isEmpty()) {
            return views;
        }
        return views.stream().filter(v -> terms.stream().allMatch(t -> t.holds(v.path("labels")))).toList();
    }
}
