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

    public boolean matches(String flowProtocol, int port) {
        return isAny() || (protocol.equals(flowProtocol) && startPort <= port && port <= endPort);
    }

    @JsonValue
    @Override
    public String toString() {
        if (isAny()) {
            return "any";
        }
        if (startPort == 0 && endPort == 65535) {
            return protocol;
        }
        return protocol + ":" + (startPort == endPort ? Integer.toString(startPort) : startPort + "-" + endPort);
    }
}
