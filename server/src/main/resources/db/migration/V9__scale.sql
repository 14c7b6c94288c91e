-- A counter that goes up with every change to a cluster's stored inventory (full sync or delta), so a warm
-- evaluation model can tell on any replica whether it is still current (resource_version may stay unchanged).
alter table cluster add column inventory_version bigint default 0 not null;
