package io.breakwater.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.breakwater.server.domain.DomainException;
import io.breakwater.server.json.Json;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;

/**
 * NSX list parameters (nsx-api.md §1.3): {@code cursor} (opaque; here an offset), {@code page_size} 0-1000
 * (0 or absent = 1000), {@code sort_by} a top-level field, {@code sort_ascending} (default true).
 */
public record ListQuery(int offset, int pageSize, String sortBy, boolean ascending) {

    public static ListQuery from(Context ctx) {
        int offset = intParam(ctx, "cursor", 0, Integer.MAX_VALUE, 0);
        int size = intParam(ctx, "page_size", 0, 1000, 1000);
        String sortBy = ctx.queryParam("sort_by");
        String asc = ctx.queryParam("sort_ascending");
        if (asc != null && !asc.equals("true") && !asc.equals("false")) {
            throw DomainException.invalid("sort_ascending", "sort_ascending must be true or false, found '" + asc + "'");
        }
        return new ListQuery(offset, size == 0 ? 1000 : size, sortBy == null ? "" : sortBy, !"false".equals(asc));
    }

    private static int intParam(Context ctx, String name, int min, int max, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DomainException.invalid(name, name + " must be an integer from " + min + " to " + max + ", found '" + raw + "'");
    }

    /** One page of {@code items} in NSX's list envelope. */
    public ObjectNode page(List<ObjectNode> items) {
        List<ObjectNode> sorted = sortBy.isEmpty() ? items : items.stream().sorted(order()).toList();
        int from = Math.min(offset, sorted.size());
        int to = Math.min(sorted.size(), from + pageSize);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putArray("results").addAll(sorted.subList(from, to));
        out.put("result_count", sorted.size());
        if (to < sorted.size()) {
            out.put("cursor", String.valueOf(to));
        }
        if (!sortBy.isEmpty()) {
            out.put("sort_by", sortBy);
            out.put("sort_ascending", ascending);
        }
        return out;
    }

    private Comparator<ObjectNode> order() {
        Comparator<ObjectNode> c = Comparator.comparing(n -> n.get(sortBy), ListQuery::compareValues);
        return ascending ? c : c.reversed();
    }

    /** Missing values first, numbers by value, everything else by text. */
    private static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.asText().compareTo(b.asText());
    }
}
