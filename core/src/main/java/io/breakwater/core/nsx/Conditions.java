package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.Cidr;
import io.breakwater.core.net.IpAddress;
import io.breakwater.core.nsx.Expression.Condition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Group conditions and IP expression items decided for one pod or address (nsx-api.md §6): tags and names
 * compare without regard to case, as NSX does.
 */
final class Conditions {

    private Conditions() {}

    /** The condition for one pod; {@code namespaceTags}: its namespace's labels in lower case. */
    static boolean holds(Condition c, Pod p, Map<String, String> namespaceTags) {
        return switch (c.memberType()) {
            case Criterion.POD -> switch (c.key()) {
                case "Tag" -> tag(c, lower(p.labels()));
                case "Name" -> text(c, p.name());
                default -> false;
            };
            case Criterion.NAMESPACE -> switch (c.key()) {
                case "Tag" -> tag(c, namespaceTags);
                case "Name" -> text(c, p.namespace());
                default -> false;
            };
            default -> false;
        };
    }

    /** {@code "scope|tag"}: an empty tag only checks the scope; NOTIN lists tags separated by commas. */
    private static boolean tag(Condition c, Map<String, String> tags) {
        String value = c.value().toLowerCase(Locale.ROOT);
        int bar = value.indexOf('|');
        String scope = bar < 0 ? value : value.substring(0, bar);
        String tag = bar < 0 ? "" : value.substring(bar + 1);
        String actual = tags.get(scope);
        if ("NOTEQUALS".equalsIgnoreCase(c.scopeOperator())) {
            return actual == null;
        }
        String op = c.operator() == null ? "EQUALS" : c.operator().toUpperCase(Locale.ROOT);
        return switch (op) {
            case "EQUALS" -> actual != null && (tag.isEmpty() || tag.equals(actual));
            case "NOTEQUALS" -> actual == null || !tag.equals(actual);
            case "IN" -> actual != null && List.of(tag.split(",", -1)).contains(actual);
            case "NOTIN" -> actual == null || !List.of(tag.split(",", -1)).contains(actual);
            default -> false;
        };
    }

    private static boolean text(Condition c, String actual) {
        String op = c.operator() == null ? "EQUALS" : c.operator().toUpperCase(Locale.ROOT);
        String a = actual.toLowerCase(Locale.ROOT);
        String v = c.value().toLowerCase(Locale.ROOT);
        return switch (op) {
            case "EQUALS" -> a.equals(v);
            case "NOTEQUALS" -> !a.equals(v);
            case "CONTAINS" -> a.contains(v);
            case "STARTSWITH" -> a.startsWith(v);
            case "ENDSWITH" -> a.endsWith(v);
            default -> false;
        };
    }

    /** True when the IP expression item (address, CIDR or range {@code a-b}) covers the address. */
    static boolean covers(String item, IpAddress ip) {
        return parseItem(item).test(ip);
    }

    static Predicate<IpAddress> parseItem(String item) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash));
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) {
                return ip -> false;
            }
            return ip -> from.get().family() == ip.family() && from.get().compareTo(ip) <= 0 && ip.compareTo(to.get()) <= 0;
        }
        if (item.indexOf('/') > 0) {
            return Cidr.parse(item).<Predicate<IpAddress>>map(c -> c.cidr()::contains)
                    .orElse(ip -> false);
        }
        return IpAddress.parse(item).<Predicate<IpAddress>>map(a -> a::equals).orElse(ip -> false);
    }

    /** An IP expression item as its first and last address, or empty when it does not parse. */
    static Optional<IpAddress[]> parseRange(String item) {
        int dash = item.indexOf('-');
        if (dash > 0) {
            Optional<IpAddress> from = IpAddress.parse(item.substring(0, dash));
            Optional<IpAddress> to = IpAddress.parse(item.substring(dash + 1));
            return from.isPresent() && to.isPresent() && from.get().family() == to.get().family()
                    ? Optional.of(new IpAddress[] {from.get(), to.get()}) : Optional.empty();
        }
        if (item.indexOf('/') > 0) {
            return Cidr.parse(item).map(c -> new IpAddress[] {c.cidr().network(), c.cidr().last()});
        }
        return IpAddress.parse(item).map(a -> new IpAddress[] {a, a});
    }

    static Map<String, String> lower(Map<String, String> labels) {
        var out = new HashMap<String, String>();
        labels.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
