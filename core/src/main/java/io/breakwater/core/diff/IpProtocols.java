package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import io.breakwater.core.eval.OtherProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * IP protocols other than TCP, UDP, SCTP, ICMP and ICMPv6: the protocol {@code numbers} a rule names (e.g. 47,
 * GRE), and when {@code others} every number no rule of either side names. {@code except}: with {@code others},
 * the numbers rules name that are not in the class (empty without {@code others}).
 */
public record IpProtocols(List<Integer> numbers, boolean others, List<Integer> except) implements Traffic {

    public IpProtocols {
        numbers = List.copyOf(new TreeSet<>(numbers));
        except = others ? List.copyOf(new TreeSet<>(except)) : List.of();
    }

    static IpProtocols named(int number) {
        return new IpProtocols(List.of(number), false, List.of());
    }

    /** Every number not {@code named}. */
    static IpProtocols unnamed(List<Integer> named) {
        return new IpProtocols(List.of(), true, named);
    }

    public boolean contains(int number) {
        return numbers.contains(number) || (others && !OtherProtocol.isL4OrIcmp(number) && !except.contains(number));
    }

    /** The protocol numbers of the class as inclusive ranges, ascending. */
    public List<int[]> ranges() {
        var out = new ArrayList<int[]>();
        for (int n = 0; n <= OtherProtocol.MAX; n++) {
            if (contains(n)) {
                if (!out.isEmpty() && out.getLast()[1] == n - 1) {
                    out.getLast()[1] = n;
                } else {
                    out.add(new int[] {n, n});
                }
            }
        }
        return out;
    }

    @Override
    public String protocolName() {
        return "IP";
    }

    @Override
    public Flow flow(Endpoint source, Endpoint destination) {
        return Flow.of(source, destination, new OtherProtocol.Numbered(representative()));
    }

    private int representative() {
        if (!numbers.isEmpty()) {
            return numbers.getFirst();
        }
        int n = 0;
        while (!contains(n)) {
            n++;
        }
        return n;
    }

    @Override
    public boolean contains(Flow flow) {
        return flow.other() instanceof OtherProtocol.Numbered(int number) && contains(number);
    }

    /** Any two classes of IP protocols join: the union of their numbers. */
    @Override
    public Optional<Traffic> join(Traffic next) {
        if (!(next instanceof IpProtocols n)) {
            return Optional.empty();
        }
        var all = new TreeSet<>(numbers);
        all.addAll(n.numbers);
        List<Integer> excluded = others ? except : n.except;
        return Optional.of(new IpProtocols(List.copyOf(all), others || n.others,
                excluded.stream().filter(x -> !all.contains(x)).toList()));
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public int first() {
        return numbers.isEmpty() ? OtherProtocol.MAX + 1 : numbers.getFirst();
    }

    /** {@code IP/47}, {@code IP/47,50}, {@code IP/other} (every number no rule names), {@code IP/47,other}. */
    @Override
    public String toString() {
        var parts = new ArrayList<String>();
        numbers.forEach(n -> parts.add(Integer.toString(n)));
        if (others) {
            parts.add("other");
        }
        return "IP/" + String.join(",", parts);
    }
}
