-- Each cluster's desired state kept object by object, with the desired_version at which each object last
-- changed, so an adapter can be sent only what changed since the version it holds (docs/adapter-protocol.md).
-- A removed object stays as a tombstone (deleted = true, body '') until it is pruned; desired_floor is the
-- newest pruned tombstone's version: a delta since a version below it would miss a removal, so that adapter
-- gets the whole document instead.
create table desired_object (
    cluster  varchar(255)  not null,
    kind     varchar(16)   not null,
    path     varchar(1024) not null,
    hash     varchar(128)  not null,
    version  bigint        not null,
    deleted  boolean       not null,
    body     varchar       not null,
    primary key (cluster, kind, path),
    foreign key (cluster) references cluster (name) on delete cascade
);

create index desired_object_version on desired_object (cluster, version);

alter table cluster add column desired_floor bigint default 0 not null;
