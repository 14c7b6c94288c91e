package io.breakwater.core.eval;

import io.breakwater.core.k8s.Pod;
import io.breakwater.core.net.IpAddress;

/** One end of a flow: a pod of the inventory, or an address outside it. */
public sealed interface Endpoint {

    record PodEndpoint(Pod pod) implements Endpoint {
        @Override
        public String toString() {
            return pod.key();
        }
    }

    record ExternalEndpoint(IpAddress ip) implements Endpoint {
        @Override
        public String toString() {
            return ip.toString();
        }
    }

    static Endpoint of(Pod pod) {
        return new PodEndpoint(pod);
    }

    static Endpoint of(IpAddress ip) {
        return new ExternalEndpoint(ip);
    }
}
