package io.breakwater.core.eval;

import io.breakwater.core.k8s.Protocol;
import java.util.List;

/**
 * Reachability between every pair of pods for one protocol and port. Row = source, column = destination,
 * {@code '.'} allowed, {@code 'X'} blocked, {@code '-'} the pod itself. Pods sorted by namespace then name.
 * {@code rows} is immutable; the k8s evaluator's renders each row when it is read, so read cells with
 * {@link #cell} rather than {@code rows().get(s).charAt(d)} in loops.
 */
public record Matrix(String target, Protocol protocol, PortRef port, List<String> pods, List<String> rows) {

    public static final char ALLOWED = '.';
    public static final char BLOCKED = 'X';
    public static final char SELF = '-';

    public Matrix {
        pods = List.copyOf(pods);
        rows = rows instanceof PodRows ? rows : List.copyOf(rows); // PodRows is immutable and renders rows lazily
    }

    public char cell(int source, int destination) {
        return rows instanceof PodRows bits ? bits.cell(source, destination) : rows.get(source).charAt(destination);
    }
}
