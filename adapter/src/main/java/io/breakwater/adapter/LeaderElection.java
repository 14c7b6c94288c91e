package io.breakwater.adapter;

import java.time.Duration;

/**
 * Which replica of the adapter is active: the holder of a {@code coordination.k8s.io/v1} Lease. A standby tries
 * to take the Lease every {@code retryPeriod}; the leader renews it and gives up leading when it could not renew
 * for {@code renewDeadline}. When the leader dies without releasing the Lease, a standby gets it at most
 * {@code leaseDuration + 2 × retryPeriod} later: a standby times the Lease from when it last saw it change, which
 * it checks once per {@code retryPeriod} (defaults 8 s + 2 × 1.5 s = 11 s, inside the 15 s budget with time to
 * start the adapter). A leader that stops cleanly releases the Lease; a standby then takes over within
 * {@code retryPeriod}.
 *
 * @param namespace      where the Lease lives (the adapter's namespace)
 * @param leaseName      one Lease per cluster's adapter Deployment, e.g. {@code breakwater-adapter}
 * @param identity       this replica, e.g. the pod name
 * @param releaseOnStop  release the Lease on a clean stop (default); false behaves like a crash (drills)
 */
public record LeaderElection(String namespace, String leaseName, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, boolean releaseOnStop) {

    public static LeaderElection defaults(String namespace, String leaseName, String identity) {
        return new LeaderElection(namespace, leaseName, identity, Duration.ofSeconds(8), Duration.ofSeconds(5),
                Duration.ofMillis(1500), true);
    }

    public LeaderElection withTimes(Duration lease, Duration renew, Duration retry) {
        return new LeaderElection(namespace, leaseName, identity, lease, renew, retry, releaseOnStop);
    }

    public LeaderElection withReleaseOnStop(boolean release) {
        return new LeaderElection(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod, release);
    }

    /** Worst case from the leader's death to a standby leading. */
    public Duration worstTakeover() {
        return leaseDuration.plus(retryPeriod.multipliedBy(2));
    }
}
