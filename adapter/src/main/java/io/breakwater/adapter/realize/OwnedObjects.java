package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view the planner diffs against: one fabric8 informer per Antrea kind, label-selected to the objects
 * this owner manages, each keeping only a {@link LiveState} per object in its item store (no spec, no status
 * document). The informers list once (in pages) and then watch; on {@code 410 Gone} fabric8 lists again. A
 * reconcile therefore reads this index instead of listing the cluster. A failed first list (Antrea's CRDs not
 * installed yet: 404) stops fabric8's informers, so they are started again after {@code relist}.
 */
public final class OwnedObjects implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedObjects.class);
    /** Items per page of the initial LIST (and of a relist after the watch expired). */
    static final long PAGE = 500;

    /** How long after a failed first list the informers are started again. */
    public static final Duration RELIST_AFTER_FAILURE = Duration.ofSeconds(30);

    private final AntreaResources resources;
    private final String owner;
    private final Duration relist;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "breakwater-owned-relist");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private final Map<AntreaKind, Map<String, LiveState>> byKind = new EnumMap<>(AntreaKind.class);
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new CopyOnWriteArrayList<>();

    public OwnedObjects(AntreaResources resources, String owner) {
        this(resources, owner, RELIST_AFTER_FAILURE);
    }

    public OwnedObjects(AntreaResources resources, String owner, Duration relist) {
        this.resources = resources;
        this.owner = owner;
        this.relist = relist;
        for (var kind : AntreaKind.values()) {
            byKind.put(kind, new ConcurrentHashMap<>());
        }
    }

    /**
     * Starts watching. {@code onDrift} runs once all three kinds are listed and, from then on, whenever an object
     * appears, disappears or changes in what the plan compares (a hand edit, a deletion by someone else); a change
     * of nothing but an ACNP's status (antrea-controller) runs {@code onStatus}. The watch events of the adapter's
     * own writes run neither: the write already put the same state here ({@link #recordWritten}).
     */
    public void start(Runnable onDrift, Runnable onStatus) {
        var firstLists = new ArrayList<CompletableFuture<Void>>();
        var started = new ArrayList<SharedIndexInformer<GenericKubernetesResource>>();
        for (var kind : AntreaKind.values()) {
            var informer = resources.of(kind)
                    .withLabels(new TreeMap<>(Map.of(Ownership.MANAGED_BY, Ownership.MANAGER, Ownership.OWNER, owner)))
                    .withLimit(PAGE)
                    .runnableInformer(0);
            informer.removeNamespaceIndex();
            informer.itemStore(new Store(kind, onDrift, onStatus));
            informers.add(informer);
            started.add(informer);
            firstLists.add(informer.start().toCompletableFuture());
        }
        CompletableFuture.allOf(firstLists.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warn("owned Antrea objects: the first list failed ({}); no plan until a list succeeds, "
                        + "listing again in {} s", failure.getMessage(), relist.toSeconds());
                started.forEach(SharedIndexInformer::close);
                informers.removeAll(started);
                byKind.values().forEach(Map::clear);
                relistLater(onDrift, onStatus);
                return;
            }
            LOG.info("owned Antrea objects listed: {}", size());
            onDrift.run();
        });
    }

    private void relistLater(Runnable onDrift, Runnable onStatus) {
        if (!closed) {
            retry.schedule(() -> {
                if (!closed) {
                    start(onDrift, onStatus);
                }
            }, relist.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** True once every kind has been listed: before that a plan would create what merely is not listed yet. */
    public boolean synced() {
        return informers.size() == AntreaKind.values().length
                && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** A store for {@code kind} that triggers nothing, for the heap harness in bench/. */
    public ItemStore<GenericKubernetesResource> itemStore(AntreaKind kind) {
        return new Store(kind, () -> { }, () -> { });
    }

    public Collection<LiveState> all() {
        return byKind.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    public int size() {
        return byKind.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Takes in what a write returned, so the next plan sees it before the watch event arrives (which then carries
     * the same resourceVersion and is no change). A newer state already seen is kept.
     */
    void recordWritten(AntreaKind kind, GenericKubernetesResource stored) {
        if (stored == null || stored.getMetadata() == null) {
            return;
        }
        var state = LiveState.of(AntreaResources.toLive(kind, stored), stored.getMetadata().getResourceVersion());
        byKind.get(kind).merge(state.name(), state, (known, written) ->
                isNewer(known.resourceVersion(), written.resourceVersion()) ? known : written);
    }

    void recordDeleted(ObjectKey key) {
        byKind.get(key.kind()).remove(key.name());
    }

    /** Resource versions are opaque; the API server's are integers, compared as such when they are. */
    private static boolean isNewer(String known, String written) {
        try {
            return Long.parseLong(known) > Long.parseLong(written);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        retry.shutdownNow();
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        byKind.values().forEach(Map::clear);
    }

    /**
     * fabric8's item store for one kind: reduces each object to its {@link LiveState} and hands back skeletons
     * (name, resourceVersion, labels) where the informer asks for stored objects, enough for it to tell an update
     * from a repeat and to key deletions.
     */
    private final class Store implements ItemStore<GenericKubernetesResource> {
        private final AntreaKind kind;
        private final Map<String, LiveState> states;
        private final Runnable onDrift;
        private final Runnable onStatus;

        Store(AntreaKind kind, Runnable onDrift, Runnable onStatus) {
            this.kind = kind;
            this.states = byKind.get(kind);
            this.onDrift = onDrift;
            this.onStatus = onStatus;
        }

        @Override
        public String getKey(GenericKubernetesResource resource) {
            return resource.getMetadata().getName();
        }

        @Override
        public GenericKubernetesResource put(String key, GenericKubernetesResource resource) {
            var state = LiveState.of(AntreaResources.toLive(kind, resource), resource.getMetadata().getResourceVersion());
            var previous = states.put(key, state);
            if (synced()) {
                if (previous == null || !previous.plansAs(state)) {
                    onDrift.run();
                } else if (!Objects.equals(previous.status(), state.status())) {
                    onStatus.run();
                }
            }
            return skeleton(previous);
        }

        @Override
        public GenericKubernetesResource remove(String key) {
            var removed = states.remove(key);
            if (removed != null && synced()) {
                onDrift.run();
            }
            return skeleton(removed);
        }

        @Override
        public Stream<String> keySet() {
            return List.copyOf(states.keySet()).stream();
        }

        @Override
        public Stream<GenericKubernetesResource> values() {
            return List.copyOf(states.values()).stream().map(this::skeleton);
        }

        @Override
        public int size() {
            return states.size();
        }

        @Override
        public GenericKubernetesResource get(String key) {
            return skeleton(states.get(key));
        }

        @Override
        public boolean isFullState() {
            return false;
        }

        private GenericKubernetesResource skeleton(LiveState state) {
            if (state == null) {
                return null;
            }
            return new GenericKubernetesResourceBuilder().withApiVersion(AntreaKind.API_VERSION).withKind(kind.kind())
                    .withMetadata(new ObjectMetaBuilder().withName(state.name())
                            .withResourceVersion(state.resourceVersion()).withLabels(state.labels()).build())
                    .build();
        }
    }
}
