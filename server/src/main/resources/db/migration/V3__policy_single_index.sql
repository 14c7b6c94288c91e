-- Every policy_object row was kept in three H2 B-trees (the rows, the primary key on path and the parent_key
-- index): a 5,000-NetworkPolicy import inserted 40,000 rows into each and its commit searched each again per
-- row. One unique index on (parent_key, path) now serves both lookups: by path (parent_key is a function of the
-- path, so the pair is unique exactly when path is) and by parent (its prefix). The table is rebuilt because
-- H2 and PostgreSQL spell "drop the primary key" differently.
create table policy_object_v3 (
    path               varchar(1024) not null,
    kind               varchar(32)   not null,
    parent_path        varchar(1024) not null,
    object_id          varchar(255)  not null,
    revision           bigint        not null,
    create_time        bigint        not null,
    create_user        varchar(255)  not null,
    last_modified_time bigint        not null,
    last_modified_user varchar(255)  not null,
    body               varchar       not null,
    parent_key         integer       default 0 not null
);
insert into policy_object_v3 (path, kind, parent_path, object_id, revision, create_time, create_user,
        last_modified_time, last_modified_user, body, parent_key)
    select path, kind, parent_path, object_id, revision, create_time, create_user, last_modified_time,
        last_modified_user, body, parent_key from policy_object;
drop table policy_object;
alter table policy_object_v3 rename to policy_object;
create unique index policy_object_key on policy_object (parent_key, path);
