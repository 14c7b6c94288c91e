package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/** One side of a firewall rule: every endpoint, the endpoints carrying all of some tags, or an address group. */
public sealed interface FirewallEndpoint {

    /** Matches any workload or address, inside the cluster or not. */
    record Any() implements FirewallEndpoint {
        @JsonValue
        Map<String, Object> json() {
            return Map.of("any", true);
        }

        @Override
        public String toString() {
            return "any";
        }
    }

    /** Workloads carrying every one of {@code tags} (AND). */
    record Tags(List<Tag> tags) implements FirewallEndpoint {
        public Tags {
            if (tags.isEmpty()) {
                throw new IllegalArgumentException("a tag endpoint needs at least one tag; use Any");
            }
            tags = List.copyOf(tags);
        }

        @JsonValue
        Map<String, Object> json() {
            return Map.of("tags", tags);
        }

        @Override
        public String toString() {
            return String.join(" && ", tags.stream().map(Tag::toString).toList());
        }
    }

    /** Addresses inside any prefix of the named address group (pod addresses included). */
    record AddressGroupRef(String namespace, String name) implements FirewallEndpoint {
        @JsonValue
        Map<String, Object> json() {
            return Map.of("addressGroup", namespace + "/" + name);
        }

        @Override
        public String toString() {
            return "Address Group: " + namespace + "/" + name;
        }
    }

    FirewallEndpoint ANY = new Any();

    static FirewallEndpoint ofTags(List<Tag> tags) {
        return tags.isEmpty() ? ANY : new Tags(tags);
    }
}
