package io.breakwater.core.eval;

/** The destination port of a probe: a number, or a container port name resolved on the destination pod. */
public sealed interface PortRef {

    record Number(int port) implements PortRef {
        @Override
        public String toString() {
            return Integer.toString(port);
        }
    }

    record Name(String name) implements PortRef {
        @Override
        public String toString() {
            return name;
        }
    }

    static PortRef of(int port) {
        return new Number(port);
    }

    /** {@code "80"} → number, anything else → name. */
    static PortRef parse(String text) {
        return text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() <= 5
                ? new Number(Integer.parseInt(text)) : new Name(text);
    }
}
