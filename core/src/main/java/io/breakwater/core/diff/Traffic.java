package io.breakwater.core.diff;

import io.breakwater.core.eval.Endpoint;
import io.breakwater.core.eval.Flow;
import java.util.Comparator;
import java.util.Optional;

/**
 * The protocol part of a class of flows the diff compares: destination ports of TCP, UDP or SCTP
 * ({@link PortRange}), ICMP or ICMPv6 message types and codes ({@link IcmpRange}), or other IP protocol numbers
 * ({@link IpProtocols}). No rule of either side tells the flows of one class apart, so one flow stands for all.
 */
public sealed interface Traffic permits PortRange, IcmpRange, IpProtocols {

    /** In printing order: TCP, UDP, SCTP, ICMP, ICMPv6, IP; then by first port, type or number. */
    Comparator<Traffic> ORDER = Comparator.comparingInt(Traffic::rank).thenComparingInt(Traffic::first);

    /** As printed: {@code TCP}, {@code UDP}, {@code SCTP}, {@code ICMP}, {@code ICMPv6} or {@code IP}. */
    String protocolName();

    /** The flow from {@code source} to {@code destination} that stands for this class. */
    Flow flow(Endpoint source, Endpoint destination);

    /** Whether {@code flow} belongs to this class (its endpoints aside). */
    boolean contains(Flow flow);

    /** This class and {@code next} as one, when they are of one protocol and meet; else empty. */
    Optional<Traffic> join(Traffic next);

    /** The rank of the protocol in {@link #ORDER}. */
    int rank();

    /** The first port, ICMP type (times 256 plus code) or protocol number. */
    int first();
}
