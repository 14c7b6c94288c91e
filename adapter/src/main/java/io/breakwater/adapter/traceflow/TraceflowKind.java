package io.breakwater.adapter.traceflow;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Antrea's {@code Traceflow} (crd.antrea.io/v1beta1, cluster-scoped): antrea-controller runs it and writes its status. */
public final class TraceflowKind {
    public static final String API_VERSION = "crd.antrea.io/v1beta1";
    public static final String KIND = "Traceflow";

    private TraceflowKind() {}

    public static ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder().withGroup("crd.antrea.io").withVersion("v1beta1")
                .withKind(KIND).withPlural("traceflows").withNamespaced(false).build();
    }

    public static CustomResourceDefinitionContext crdContext() {
        return new CustomResourceDefinitionContext.Builder().withGroup("crd.antrea.io").withVersion("v1beta1")
                .withKind(KIND).withPlural("traceflows").withScope("Cluster").withStatusSubresource(true).build();
    }
}
