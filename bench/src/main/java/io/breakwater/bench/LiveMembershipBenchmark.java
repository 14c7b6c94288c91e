package io.breakwater.bench;

import io.breakwater.core.k8s.Pod;
import io.breakwater.core.nsx.Expression;
import io.breakwater.core.nsx.Group;
import io.breakwater.core.nsx.LiveMembership;
import io.breakwater.core.nsx.NsxConversion;
import io.breakwater.core.nsx.NsxConverter;
import io.breakwater.core.nsx.NsxOptions;
import io.breakwater.core.nsx.OnError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 16: one pod event or one group change costs work proportional to what it touches. The Antrea-shaped
 * cluster ({@link AntreaShape}, full size by default: 100,000 pods, 75,000 NetworkPolicies converted to NSX
 * groups) is held in a {@link LiveMembership}; each operation is one event and its membership update. Run:
 * {@code bench/run LiveMembershipBenchmark -f 1 -wi 3 -i 5 -jvmArgs -Xmx2g}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class LiveMembershipBenchmark {

    @Param({"1.0"})
    public double fraction;

    private LiveMembership live;
    private Pod pod;
    private Pod relabelled;
    private Pod created;
    private Group group;
    private Group changedGroup;

    @Setup
    public void cluster() {
        AntreaShape shape = AntreaShape.forNsx(fraction, AntreaShape.SEED);
        NsxConversion conversion = NsxConverter.convert(shape.policies(), shape.inventory(),
                NsxOptions.of("bench").withOnError(OnError.CONTINUE));
        live = LiveMembership.of(shape.inventory(), conversion.groups());
        pod = shape.inventory().pods().get(shape.inventory().pods().size() / 2);
        relabelled = new Pod(pod.namespace(), pod.name(), pod.uid(), Map.of("app", "app-relabelled", "tier", "web"),
                pod.ips(), pod.ports(), false, pod.nodeName());
        created = new Pod(pod.namespace(), "pod-new", "pod-new", pod.labels(), pod.ips(), pod.ports(), false,
                pod.nodeName());
        group = conversion.groups().get(conversion.groups().size() / 2);
        changedGroup = new Group(group.id(), group.displayName(), group.description(), group.groupType(),
                List.of(new Expression.Condition("Namespace", "Name", "EQUALS", "EQUALS", pod.namespace()),
                        Expression.Conjunction.AND, new Expression.Condition("Pod", "Tag", "EQUALS", "EQUALS",
                                "tier|db")), group.tags());
    }

    /** The pod's labels change and change back: two events per call. */
    @Benchmark
    public Set<String> podRelabelled() {
        live.putPod(relabelled);
        return live.putPod(pod);
    }

    /** A pod is created in a namespace and deleted again: two events per call. */
    @Benchmark
    public Set<String> podCreatedAndDeleted() {
        live.putPod(created);
        return live.removePod(created.key());
    }

    /** One group of a namespace gets other criteria (one NetworkPolicy's peer changed) and its old ones back. */
    @Benchmark
    public Set<String> groupChanged() {
        live.putGroup(changedGroup);
        live.putGroup(group);
        return Set.of();
    }
}
