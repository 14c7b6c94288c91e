package io.breakwater.adapter.realize;

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
    public void write(AntreaObject object) {
        writes.incrementAndGet();
        delegate.write(object);
    }

    @Override
    public void delete(ObjectKey key) {
        writes.incrementAndGet();
        delegate.delete(key);
    }
}
