package io.breakwater.core.nsx;

import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of the immutable values one conversion makes again and again (conditions, expression
 * lists, tags, rule ids, service-entry lists): the first of equal values is kept and handed out for the rest.
 * At Antrea's scale (130,000 groups over 25,000 namespaces) most groups differ only in name, so sharing their
 * criteria saves hundreds of thousands of objects that the collector would otherwise copy. One per conversion,
 * so converters stay pure and nothing is shared between calls or threads.
 */
final class Shared {

    private final Map<Object, Object> canonical = new HashMap<>();

    /** The first value equal to {@code value} handed to this instance (so {@code value} itself the first time). */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        Object known = canonical.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }
}
