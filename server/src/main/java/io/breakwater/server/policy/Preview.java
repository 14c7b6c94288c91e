package io.breakwater.server.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * A change shown before it is committed (or a past one between two revisions): the answer so far (objects and
 * import marks it changes) and the configurations before and after it, from which the per-cluster connectivity
 * diff is computed; {@code clusters}, when present, the only clusters it concerns (an import's).
 */
public record Preview(ObjectNode answer, Configuration before, Configuration after, Optional<Set<String>> clusters) {

    public Preview(ObjectNode answer, Configuration before, Configuration after) {
        this(answer, before, after, Optional.empty());
    }
}
