-- Full inventory syncs in chunks (issue 16): an adapter sends a large cluster's inventory as several requests
-- under one sync id; the chunks are staged here and replace the cluster's inventory in one transaction when the
-- last one arrives. One open sync per cluster: a new sync (chunk 0) discards an unfinished one. The swap runs after
-- the last chunk's answer (state APPLYING, then DONE or FAILED with a message): at 200,000 objects it takes
-- longer than the adapter's call timeout.
create table inventory_sync (
    cluster    varchar(255)  primary key,
    sync_id    varchar(255)  not null,
    next_chunk integer       not null,
    staged     bigint        not null,
    started    bigint        not null,
    state      varchar(16)   not null,
    message    varchar(2048) not null
);

create table inventory_sync_object (
    cluster          varchar(255) not null,
    kind             varchar(32)  not null,
    namespace        varchar(255) not null,
    name             varchar(255) not null,
    uid              varchar(255) not null,
    resource_version varchar(255) not null,
    body             varchar      not null,
    primary key (cluster, kind, namespace, name)
);

-- The capacity guard counts rules and groups after every import and Policy API write; without an index on kind
-- each count read the whole table, so an import's cost grew with the store.
create index policy_object_kind on policy_object (kind);
