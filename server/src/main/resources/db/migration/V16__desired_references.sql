-- Which groups each security policy brings into each cluster's desired state, so a write recomputes only what it
-- touches (docs/adapter-protocol.md, "Desired state as deltas"). For every cluster a policy spans, one row per
-- group path its closure visits: the paths its scope and rules name and, through the PathExpressions of the
-- groups that exist, the paths those name, transitively. Paths that name no group (yet) are kept too, so creating
-- that group later finds the policies that reach it. A group is in a cluster's desired state exactly when it
-- exists and some row of that cluster names it.
create table desired_reference (
    cluster     varchar(255)  not null,
    group_path  varchar(1024) not null,
    policy_path varchar(1024) not null,
    primary key (cluster, group_path, policy_path),
    foreign key (cluster) references cluster (name) on delete cascade
);

create index desired_reference_policy on desired_reference (policy_path);
create index desired_reference_group on desired_reference (group_path);

-- Which clusters hold an object (a policy spanning them, a group they use): one lookup per written object.
create index desired_object_path on desired_object (path, kind);

-- cluster.desired_hash no longer holds a hash of the whole document (a write no longer computes the whole
-- document): '' marks a cluster whose stored objects must be computed in full, any other value that they are
-- current. The references above start empty: every cluster is stored once more in full (on its next read or
-- write).
update cluster set desired_hash = '';
