package io.breakwater.core.diff;

import java.util.List;

/**
 * The flows whose verdict differs between two policy sets on one inventory, folded by pod classes, address ranges
 * and traffic classes. {@code podClasses}, {@code addressRanges} and {@code portRanges} (the traffic classes of
 * every IP protocol: port ranges of TCP, UDP and SCTP, ICMP and ICMPv6 type/code ranges, IP protocol numbers) say
 * what was covered: every pair of classes or ranges on every traffic class, unless no policy selecting its ends
 * changed. {@code notes} name what the diff could not cover (none at present; kept for the JSON shape).
 */
public record ConnectivityDiff(String before, String after, List<FlowChange> changes, int podClasses,
                               int addressRanges, int portRanges, long comparisons, List<String> notes) {

    public ConnectivityDiff {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
