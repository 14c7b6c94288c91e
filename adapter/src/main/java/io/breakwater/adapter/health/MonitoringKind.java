package io.breakwater.adapter.health;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * Antrea's monitoring CRDs (crd.antrea.io/v1beta1, cluster-scoped): antrea-controller writes one
 * {@code AntreaControllerInfo} named {@code antrea-controller}, each antrea-agent one {@code AntreaAgentInfo} named
 * after its Node, both refreshed about every 60 s.
 */
public enum MonitoringKind {
    CONTROLLER_INFO("AntreaControllerInfo", "antreacontrollerinfos"),
    AGENT_INFO("AntreaAgentInfo", "antreaagentinfos");

    private static final String GROUP = "crd.antrea.io";
    private static final String VERSION = "v1beta1";

    private final String kind;
    private final String plural;

    MonitoringKind(String kind, String plural) {
        this.kind = kind;
        this.plural = plural;
    }

    public String kind() {
        return kind;
    }

    public String apiVersion() {
        return GROUP + "/" + VERSION;
    }

    /** Explicit context: no discovery call needed. */
    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withNamespaced(false).build();
    }

    /** The CRD as an in-process API server (fabric8's mock in CRUD mode) must know it. */
    public CustomResourceDefinitionContext crdContext() {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(GROUP).withVersion(VERSION).withKind(kind).withPlural(plural).withScope("Cluster").build();
    }
}
