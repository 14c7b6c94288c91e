package io.breakwater.core.contrail;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The service a firewall rule matches: a protocol ({@code any}, {@code tcp}, {@code udp}, {@code sctp}) and
 * an inclusive destination port range. Written as in seed 002: {@code tcp:6379}, {@code tcp:8000-8080},
 * {@code udp} (every port), {@code any}.
 */
public record FirewallService(String protocol, int startPort, int endPort) {

    public static final FirewallService ANY = new FirewallService("any", 0, 65535);

    public static FirewallService of(String protocol, int startPort, int endPort) {
        return new FirewallService(protocol, startPort, endPort);
    }

    public boolean isAny() {
        return protocol.equals("any");
    }

    /**
     * True for the flow's protocol and destination port. {@code port} is empty when a named probe port is not
     * declared on the destination: only services of every port match it, as a port-less NetworkPolicy port does.
     */
    public boolean matches(String flowProtocol, java.util.Optional<Integer> port) {
        if (isAny()) {
            return true;
        }
        if (!protocol.equals(flowProtocol)) {
            return false;
        }
        return coversEveryPort() || port.map(p -> startPort <= p && p <= endPort).orElse(false);
    }

    private boolean coversEveryPort() {
        return startPort == 0 && endPort == 65535;
    }

    @JsonValue
    @Override
    public String toString() {
        if (isAny()) {
            return "any";
        }
        if (coversEveryPort()) {
            return protocol;
        }
        return protocol + ":" + (startPort == endPort ? Integer.toString(startPort) : startPort + "-" + endPort);
    }
}
