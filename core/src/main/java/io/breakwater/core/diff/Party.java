package io.breakwater.core.diff;

import java.util.List;
import java.util.Map;

/** One end of a changed flow: a class of pods both sides treat alike, or a range of outside addresses. */
public sealed interface Party {

    /** Pods of one namespace with the same labels that no rule of either side tells apart. */
    record Pods(String namespace, Map<String, String> labels, List<String> pods) implements Party {
        public Pods {
            labels = Map.copyOf(labels);
            pods = List.copyOf(pods);
        }

        @Override
        public String toString() {
            String names = pods.size() <= 3 ? String.join(",", pods.stream().map(p -> p.substring(p.indexOf('/') + 1)).toList())
                    : pods.getFirst().substring(pods.getFirst().indexOf('/') + 1) + ",… (" + pods.size() + " pods)";
            return namespace + "/[" + names + "]";
        }
    }

    /** Outside address ranges the rules at the other end cannot tell apart (at least one). */
    record Addresses(List<AddressRange> ranges) implements Party {
        public Addresses {
            ranges = List.copyOf(ranges);
        }

        @Override
        public String toString() {
            List<String> all = ranges.stream().map(AddressRange::toString).toList();
            return all.size() <= 3 ? String.join(",", all)
                    : all.get(0) + "," + all.get(1) + ",… (" + all.size() + " ranges)";
        }
    }
}
