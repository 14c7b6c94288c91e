package io.breakwater.adapter;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of a highly available adapter: it campaigns for the Lease (fabric8's leader elector) and runs the
 * {@link Adapter} only while it leads; a replica that loses the Lease closes its adapter and campaigns again.
 * A new leader starts from nothing: its first reconcile compares the cluster with the desired state and writes
 * only what differs, so a takeover after a converged leader writes nothing.
 */
public final class ElectedAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ElectedAdapter.class);

    private final KubernetesClient client;
    private final LeaderElection election;
    private final Supplier<Adapter> startAdapter;
    private final Thread campaign;
    private volatile boolean running = true;
    private volatile Adapter adapter;
    private volatile String leader = "";
    private volatile CompletableFuture<?> current;

    private ElectedAdapter(KubernetesClient client, LeaderElection election, Supplier<Adapter> startAdapter) {
        this.client = client;
        this.election = election;
        this.startAdapter = startAdapter;
        this.campaign = new Thread(this::campaign, "breakwater-leader-election");
        campaign.setDaemon(true);
    }

    /** Starts campaigning; {@code startAdapter} runs when this replica becomes the leader. */
    public static ElectedAdapter start(KubernetesClient client, LeaderElection election, Supplier<Adapter> startAdapter) {
        var elected = new ElectedAdapter(client, election, startAdapter);
        elected.campaign.start();
        return elected;
    }

    public boolean leading() {
        return adapter != null;
    }

    /** The identity holding the Lease as this replica last saw it (empty before it knows). */
    public String leader() {
        return leader;
    }

    public Optional<Adapter> adapter() {
        return Optional.ofNullable(adapter);
    }

    public LeaderElection election() {
        return election;
    }

    private void campaign() {
        while (running) {
            var config = new LeaderElectionConfigBuilder()
                    .withName("breakwater-adapter")
                    .withLock(new LeaseLock(election.namespace(), election.leaseName(), election.identity()))
                    .withLeaseDuration(election.leaseDuration())
                    .withRenewDeadline(election.renewDeadline())
                    .withRetryPeriod(election.retryPeriod())
                    .withReleaseOnCancel(election.releaseOnStop())
                    .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading, this::newLeader))
                    .build();
            current = client.leaderElector().withConfig(config).build().start();
            try {
                current.get();
            } catch (CancellationException | ExecutionException e) {
                LOG.debug("leader election ended: {}", e.toString());
            } catch (InterruptedException e) {
                running = false;
            }
            stopLeading();
        }
    }

    private synchronized void startLeading() {
        if (running && adapter == null) {
            LOG.info("{} leads: starting the adapter", election.identity());
            adapter = startAdapter.get();
        }
    }

    private synchronized void stopLeading() {
        if (adapter != null) {
            LOG.info("{} no longer leads: stopping the adapter", election.identity());
            adapter.close();
            adapter = null;
        }
    }

    private void newLeader(String identity) {
        leader = identity;
        LOG.info("adapter leader is now {}", identity);
    }

    @Override
    public void close() {
        running = false;
        var election = current;
        if (election != null) {
            election.cancel(true);
        }
        campaign.interrupt();
        try {
            campaign.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopLeading();
    }
}
