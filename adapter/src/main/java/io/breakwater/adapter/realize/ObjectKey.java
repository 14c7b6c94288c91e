package io.breakwater.adapter.realize;

/** Identity of a cluster-scoped Antrea object. */
public record ObjectKey(AntreaKind kind, String name) implements Comparable<ObjectKey> {
    @Override
    public int compareTo(ObjectKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return kind.kind() + "/" + name;
    }
}
