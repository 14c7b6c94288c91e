-- Operations through the adapter (issue 13): Antrea health per cluster and per-rule traffic statistics.

-- The last Antrea health report of each cluster's adapter (AntreaControllerInfo / AntreaAgentInfo, summarized).
create table antrea_health (
    cluster       varchar(255) primary key,
    body          varchar      not null,
    received_time bigint       not null
);

-- Per-rule counters per cluster. sessions/packets/bytes only grow: each report adds the increase over the last
-- raw counter, and a raw counter lower than the last one is a reset (Antrea Controller restart) that adds the new
-- raw value. last_hit_time is when a counter last grew (0 = never), first_time when the rule was first reported.
create table rule_stats (
    cluster       varchar(255) not null,
    policy_id     varchar(255) not null,
    rule_id       varchar(255) not null,
    sessions      bigint       not null,
    packets       bigint       not null,
    bytes         bigint       not null,
    raw_sessions  bigint       not null,
    raw_packets   bigint       not null,
    raw_bytes     bigint       not null,
    resets        bigint       not null,
    first_time    bigint       not null,
    last_hit_time bigint       not null,
    update_time   bigint       not null,
    primary key (cluster, policy_id, rule_id)
);
create index rule_stats_policy on rule_stats (policy_id);

-- Traceflows: requested through the API, run by the cluster's adapter as an Antrea Traceflow, with the
-- evaluator's prediction beside the observation. state: PENDING (waiting for the adapter), COMPLETED, FAILED.
create table traceflow (
    id           varchar(64)  primary key,
    cluster      varchar(255) not null,
    state        varchar(16)  not null,
    request      varchar      not null,
    predicted    varchar      not null,
    observed     varchar      not null,
    create_time  bigint       not null,
    create_user  varchar(255) not null,
    update_time  bigint       not null
);
create index traceflow_cluster_state on traceflow (cluster, state);

-- Support bundles: requested by an administrator, collected and uploaded by the cluster's adapter (.tar.gz,
-- stored base64 in a text column: portable between H2 and PostgreSQL; bundles are capped at 8 MiB).
create table support_bundle (
    id           varchar(64)  primary key,
    cluster      varchar(255) not null,
    state        varchar(16)  not null,
    content      varchar      not null,
    size_bytes   bigint       not null,
    create_time  bigint       not null,
    create_user  varchar(255) not null,
    update_time  bigint       not null
);
create index support_bundle_cluster_state on support_bundle (cluster, state);
