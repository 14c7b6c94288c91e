package io.breakwater.core.k8s;

import java.util.Optional;

/** L4 protocols a NetworkPolicy port may name; TCP when omitted. */
public enum Protocol {
    TCP, UDP, SCTP;

    /** Parses the API spelling (upper case only, as the API server requires). */
    public static Optional<Protocol> parse(String text) {
        for (Protocol p : values()) {
            if (p.name().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
