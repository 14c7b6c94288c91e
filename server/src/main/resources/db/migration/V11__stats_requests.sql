-- Rule statistics "when asked" (source=realtime): per cluster, the number of the last collection a reader asked
-- for, the highest one the cluster's adapter answered (it learns of requests through its desired-state long poll),
-- and when its last rule-stats report of any kind arrived (server clock, epoch ms; 0 = never).
create table rule_stats_collection (
    cluster     varchar(255) primary key,
    requested   bigint       not null,
    answered    bigint       not null,
    report_time bigint       not null
);
