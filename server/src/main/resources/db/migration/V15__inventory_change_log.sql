-- Each cluster's inventory changes, one row per object an inventory delta wrote, at the inventory_version the
-- delta produced: a replica holding a warm evaluation model at an older version re-reads only these objects
-- instead of rebuilding the model (docs/performance.md). inventory_floor is the oldest version the log can
-- bridge from: a full sync moves it to its own version (and drops the rows before), pruning to the versions
-- past the kept window.
create table inventory_change (
    cluster   varchar(255) not null,
    version   bigint       not null,
    seq       integer      not null,
    kind      varchar(32)  not null,
    namespace varchar(255) not null,
    name      varchar(255) not null,
    primary key (cluster, version, seq),
    foreign key (cluster) references cluster (name) on delete cascade
);

alter table cluster add column inventory_floor bigint default 0 not null;
