-- Import marks in revisions (issue 14). An import marks the NetworkPolicies it converted (imported_np); a
-- revision now records, per mark it added or removed, the mark's row before and after (JSON; null = absent), so a
-- rollback puts the marks back as they were at its revision and those NetworkPolicies can be imported again.
create table policy_revision_mark (
    revision   bigint       not null,
    uid        varchar(255) not null,
    before_row varchar,
    after_row  varchar,
    primary key (revision, uid)
);
