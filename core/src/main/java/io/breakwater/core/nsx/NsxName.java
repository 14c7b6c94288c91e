package io.breakwater.core.nsx;

import io.breakwater.core.k8s.Direction;
import io.breakwater.core.k8s.NetworkPolicy;

/**
 * The names seed 000 gives the objects of one NetworkPolicy, and the ids derived from them.
 * <ul>
 *   <li>policies {@code <cluster>-<namespace>-<np name>-<np uid>-allow|-drop};</li>
 *   <li>applied-to group {@code <cluster>-<namespace>-<np uid>};</li>
 *   <li>peer groups {@code <cluster>-<namespace>-<np uid>-rule[<i>]-from[-<j>]} (ingress[i].from[j]) and
 *       {@code ...-rule[<i>]-to[-<j>]} (egress[i].to[j]); {@code -<j>} only when the rule has several peers.</li>
 * </ul>
 * Cluster, namespace and NP name are cut to 12 UTF-8 bytes each, never inside a character (seed 000).
 * The id is the name with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}, so it is a
 * plain path segment for the NSX API ({@code rule[0]} becomes {@code rule_0_}).
 */
record NsxName(String cluster, String namespace, String policyName, String uid) {

    static final int MAX_BYTES = 12;

    static NsxName of(String cluster, NetworkPolicy np) {
        return new NsxName(truncate(cluster), truncate(np.namespace()), truncate(np.name()), np.uid());
    }

    String allowPolicy() {
        return cluster + "-" + namespace + "-" + policyName + "-" + uid + "-allow";
    }

    String dropPolicy() {
        return cluster + "-" + namespace + "-" + policyName + "-" + uid + "-drop";
    }

    String appliedToGroup() {
        return cluster + "-" + namespace + "-" + uid;
    }

    /** Rule index = the index in {@code spec.ingress} or {@code spec.egress}; the suffix tells them apart. */
    String peerGroup(Direction direction, int rule, int peer, int peerCount) {
        String base = appliedToGroup() + "-rule[" + rule + "]-" + direction.peersField();
        return peerCount == 1 ? base : base + "-" + peer;
    }

    /** Cuts {@code text} to at most 12 UTF-8 bytes, dropping a whole character rather than splitting it. */
    static String truncate(String text) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // its UTF-8 length
            if (bytes + size > MAX_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    /** The NSX id for a name: characters outside {@code [A-Za-z0-9._-]} become {@code _}, one per character. */
    static String idOf(String name) {
        int first = 0;
        while (first < name.length() && isIdChar(name.charAt(first))) {
            first++;
        }
        if (first == name.length()) {
            return name;
        }
        var id = new StringBuilder(name.length()).append(name, 0, first);
        for (int i = first; i < name.length(); ) {
            int cp = name.codePointAt(i);
            id.append(isIdChar(cp) ? (char) cp : '_');
            i += Character.charCount(cp);
        }
        return id.toString();
    }

    private static boolean isIdChar(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                || cp == '-' || cp == '_' || cp == '.';
    }
}
