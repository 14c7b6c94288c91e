package io.breakwater.bench;

import io.breakwater.adapter.plane.DesiredState;
import io.breakwater.adapter.realize.AntreaKind;
import io.breakwater.adapter.realize.AntreaObject;
import io.breakwater.adapter.realize.AntreaResources;
import io.breakwater.adapter.realize.CoreRealization;
import io.breakwater.adapter.realize.OwnedObjects;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap of the adapter's owned-object index ({@link OwnedObjects}) at the Antrea shape's size: realizes the
 * shape's DFW policies as Antrea objects (as the adapter does), turns each into the object the API server would
 * return (resourceVersion, uid, creation time, generation, and a Realized status on ACNPs) and puts it through the
 * informer's item store, then measures the heap the index retains after full collections. For comparison, the
 * same for whole fabric8 objects (what a default informer cache holds) on a sample, scaled up. Run:
 * {@code bench/run owned-index [fraction]} (default 1.0: 385,004 objects).
 */
public final class OwnedIndexHeap {
    private static final String OWNER = "breakwater-scale";
    private static final int SAMPLE = 20_000;

    public static void main(String[] args) throws Exception {
        double fraction = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        List<GenericKubernetesResource> live = liveObjects(fraction);
        System.out.printf("%d owned Antrea objects (fraction %s; max heap %d MB)%n", live.size(), fraction,
                Runtime.getRuntime().maxMemory() / 1_000_000);

        long[] counts = new long[AntreaKind.values().length];
        live.forEach(r -> counts[AntreaKind.ofKind(r.getKind()).ordinal()]++);
        for (var kind : AntreaKind.values()) {
            System.out.printf("  %-22s %8d%n", kind.kind(), counts[kind.ordinal()]);
        }

        long base = Stage.usedHeap();
        var owned = new OwnedObjects(null, OWNER);
        var stores = new java.util.EnumMap<AntreaKind, io.fabric8.kubernetes.client.informers.cache.ItemStore<
                GenericKubernetesResource>>(AntreaKind.class);
        for (var kind : AntreaKind.values()) {
            stores.put(kind, owned.itemStore(kind));
        }
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (var r : live) {
            stores.get(AntreaKind.ofKind(r.getKind())).put(r.getMetadata().getName(), r);
        }
        double putUs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu)
                / 1e3 / live.size();
        long withIndex = Stage.usedHeap();
        long index = withIndex - base;
        System.out.printf("owned-object index: %d entries retain %.1f MB (%.0f bytes per object); "
                + "item-store put %.1f us thread CPU per object%n", owned.size(), index / 1e6,
                index / (double) owned.size(), putUs);

        int n = Math.min(SAMPLE, live.size());
        var sample = new ArrayList<GenericKubernetesResource>(n);
        long before = Stage.usedHeap();
        for (int i = 0; i < n; i++) {
            sample.add(copy(live.get(i * (live.size() / n))));
        }
        long full = Stage.usedHeap() - before;
        System.out.printf("whole fabric8 objects (default informer cache): %.0f bytes per object on a sample of %d "
                + "-> %.0f MB for %d%n", full / (double) n, n, full / (double) n * live.size() / 1e6, live.size());
        if (owned.size() != live.size() || sample.size() != n) {
            throw new IllegalStateException("index holds " + owned.size() + " of " + live.size());
        }
    }

    /** The realized objects as the API server returns them once antrea-controller has realized them. */
    private static List<GenericKubernetesResource> liveObjects(double fraction) {
        AntreaShape shape = AntreaShape.forNsx(fraction, AntreaShape.SEED);
        var conversion = NsxConverter.convert(shape.policies(), shape.inventory(),
                NsxOptions.of("scale").withOnError(OnError.CONTINUE));
        var realized = CoreRealization.of(OWNER).realize(new DesiredState(1, conversion.groups(),
                conversion.securityPolicies(), List.of()));
        var out = new ArrayList<GenericKubernetesResource>(realized.objects().size());
        long version = 1000;
        for (AntreaObject object : realized.objects()) {
            var r = AntreaResources.toResource(object.owned(OWNER));
            var meta = r.getMetadata();
            meta.setResourceVersion(Long.toString(version++));
            meta.setUid(java.util.UUID.nameUUIDFromBytes(object.name().getBytes()).toString());
            meta.setCreationTimestamp("2026-12-03T06:00:00Z");
            meta.setGeneration(1L);
            if (object.kind() == AntreaKind.CLUSTER_NETWORK_POLICY) {
                r.setAdditionalProperty("status", Map.of("phase", "Realized", "observedGeneration", 1,
                        "currentNodesRealized", 25, "desiredNodesRealized", 25));
            }
            out.add(r);
        }
        return out;
    }

    private static GenericKubernetesResource copy(GenericKubernetesResource r) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(r);
    }
}
