-- The audit log's server-side filters (GET /api/v1/breakwater/audit-log?actor=…&since=…): the newest entries of one
-- actor, and a time window, without a scan of the whole log.
create index audit_log_actor_id on audit_log (actor, id);
create index audit_log_time on audit_log (at_time);
