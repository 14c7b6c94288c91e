package io.breakwater.core.verify;

import io.breakwater.core.k8s.Protocol;

/** One protocol and destination port that stands for a whole class of ports no policy tells apart. */
public record Probe(Protocol protocol, int port) {
    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
