package io.breakwater.adapter.realize;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts writes on the way to the real writer, to prove a converged cluster gets none. */
final class CountingWriter implements ClusterWriter {
    private final ClusterWriter delegate;
    private final AtomicInteger writes = new AtomicInteger();

    CountingWriter(ClusterWriter delegate) {
        this.delegate = delegate;
    }

    int writes() {
        return writes.get();
    }

    @Override
    public GenericKubernetesResource create(AntreaObject object) {
        writes.incrementAndGet();
        return delegate.create(object);
    }

    @Override
    public GenericKubernetesResource write(AntreaObject object) {
        writes.incrementAndGet();
        return delegate.write(object);
    }

    @Override
    public GenericKubernetesResource update(AntreaObject object) {
        writes.incrementAndGet();
        return delegate.update(object);
    }

    @Override
    public void delete(ObjectKey key) {
        writes.incrementAndGet();
        delegate.delete(key);
    }
}
