-- Children of a parent were found through an index on (parent_path, kind). Every group and policy shares the
-- parent /infra/domains/default, so each index comparison ran over that long equal string: a 5,000-NetworkPolicy
-- import spent a third of its time there on H2. A short integer key of the parent path (its Java hash, never 0)
-- is indexed instead; queries compare parent_path too, so hash collisions cost nothing but a row read.
-- Rows written before this version get their key when the server starts (PolicyStore.fillParentKeys).
alter table policy_object add column parent_key integer default 0 not null;
drop index policy_object_parent;
create index policy_object_parent_key on policy_object (parent_key);
