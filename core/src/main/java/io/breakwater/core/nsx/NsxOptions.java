package io.breakwater.core.nsx;

import java.util.List;

/**
 * Options of an NSX import.
 *
 * @param cluster  the Antrea cluster name as registered in NSX; goes into names (cut to 12 bytes) and tags (full)
 * @param onError  default {@link OnError#ABORT}, as NSX
 * @param placement default {@link Placement#AFTER_EXISTING}
 * @param existingApplicationPolicies the Application-category policies already in NSX; imports go after them
 */
public record NsxOptions(String cluster, OnError onError, Placement placement,
                         List<SecurityPolicy> existingApplicationPolicies) {

    public NsxOptions {
        if (cluster == null || cluster.isEmpty()) {
            throw new IllegalArgumentException("cluster name must not be empty");
        }
        existingApplicationPolicies = List.copyOf(existingApplicationPolicies);
    }

    /** ABORT, placed after nothing. Example: {@code NsxOptions.of("prod").withOnError(OnError.CONTINUE)}. */
    public static NsxOptions of(String cluster) {
        return new NsxOptions(cluster, OnError.ABORT, Placement.AFTER_EXISTING, List.of());
    }

    public NsxOptions withOnError(OnError value) {
        return new NsxOptions(cluster, value, placement, existingApplicationPolicies);
    }

    public NsxOptions withPlacement(Placement value) {
        return new NsxOptions(cluster, onError, value, existingApplicationPolicies);
    }

    public NsxOptions withExistingApplicationPolicies(List<SecurityPolicy> value) {
        return new NsxOptions(cluster, onError, placement, value);
    }

    /** Sequence number of every imported allow policy. */
    int allowSequence() {
        return switch (placement) {
            case Placement.Fixed f -> f.upper();
            case Placement.AfterExisting a -> existingApplicationPolicies.stream()
                    .filter(p -> "Application".equals(p.category()))
                    .mapToInt(SecurityPolicy::sequenceNumber).max().orElse(0) + 1;
        };
    }

    /** Sequence number of every imported drop policy. */
    int dropSequence() {
        return switch (placement) {
            case Placement.Fixed f -> f.lower();
            case Placement.AfterExisting a -> allowSequence() + 1;
        };
    }
}
