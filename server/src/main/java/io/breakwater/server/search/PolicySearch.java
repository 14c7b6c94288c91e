package io.breakwater.server.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/** Runs a search query over the Policy objects: the hits, ordered by path (a stable order for paging). */
public final class PolicySearch {

    private PolicySearch() {}

    public static List<ObjectNode> hits(SearchQuery query, List<ObjectNode> objects) {
        return objects.stream().filter(query::matches)
                .sorted(Comparator.comparing(o -> o.path("path").asText(""))).toList();
    }
}
