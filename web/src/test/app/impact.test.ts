import { describe, expect, it } from 'vitest';
import type { ClusterConnectivity, FlowChange } from '../../main/app/api/types';
import {
  clusterSummary, fieldChanges, impactCounts, impactSummary, partyText, portsText, reasonText, ruleHref, shortValue,
} from '../../main/app/logic/impact';

const ALLOWED = { allowed: true, egress: { outcome: 'ALLOWED', rules: [{ policy: 'web', rule: 'r1', action: 'ALLOW' }] },
  ingress: { outcome: 'ALLOWED', rules: [] } };
const BLOCKED = { allowed: false, egress: { outcome: 'ALLOWED', rules: [] },
  ingress: { outcome: 'DROPPED', rules: [{ policy: 'db', rule: 'deny', action: 'DROP' }] } };

function flow(change: 'opened' | 'closed', port = 5432): FlowChange {
  return { change, from: { namespace: 'shop', labels: { app: 'web' }, pods: ['web-1'] },
    to: { namespace: 'shop', labels: { app: 'db' }, pods: ['db-1'] }, protocol: 'TCP', ports: [port, port],
    before: change === 'opened' ? BLOCKED : ALLOWED, after: change === 'opened' ? ALLOWED : BLOCKED };
}

describe('field diff of an object', () => {
  it('lists only the fields that differ, bookkeeping left out', () => {
    const changes = fieldChanges({
      before: { id: 'r1', action: 'ALLOW', source_groups: ['ANY'], _revision: 3, _last_modified_time: 1 },
      after: { id: 'r1', action: 'DROP', source_groups: ['ANY'], _revision: 4, _last_modified_time: 2 },
    });
    expect(changes).toEqual([{ field: 'action', before: 'ALLOW', after: 'DROP' }]);
  });
  it('lists every field an added object sets, with nothing before', () => {
    const changes = fieldChanges({ after: { id: 'p2', category: 'Application' } });
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([['id', '—', 'p2'], ['category', '—', 'Application']]);
  });
  it('names the changed field inside a list of objects instead of printing the whole list', () => {
    const changes = fieldChanges({
      before: { service_entries: [{ id: 'tcp-0', l4_protocol: 'TCP', destination_ports: ['80'] }] },
      after: { service_entries: [{ l4_protocol: 'TCP', destination_ports: ['8080'] }] },
    });
    expect(changes).toEqual([
      { field: 'service_entries[0].id', before: 'tcp-0', after: '—' },
      { field: 'service_entries[0].destination_ports', before: '80', after: '8080' },
    ]);
  });
  it('prints a list of objects whole when its length changes', () => {
    const changes = fieldChanges({
      before: { service_entries: [] },
      after: { service_entries: [{ l4_protocol: 'UDP', destination_ports: ['53'] }] },
    });
    expect(changes).toEqual([{ field: 'service_entries', before: '[]',
      after: '[{"l4_protocol":"UDP","destination_ports":["53"]}]' }]);
  });
  it('joins lists of names and cuts long values short', () => {
    expect(shortValue(['/infra/a', '/infra/b'])).toBe('/infra/a, /infra/b');
    const long = shortValue({ text: 'x'.repeat(500) });
    expect(long.length).toBe(160);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('impact counts and summary', () => {
  const connectivity: ClusterConnectivity[] = [
    { cluster: 'demo', flow_change_count: 3, flows: [flow('opened'), flow('opened', 80), flow('closed', 443)] },
    { cluster: 'prod', flow_change_count: 0, flows: [] },
  ];
  it('counts objects by change and flows by direction over every cluster', () => {
    const c = impactCounts({ objects: [{ path: '/a', resource_type: 'Rule', change: 'CHANGED' },
      { path: '/b', resource_type: 'Rule', change: 'ADDED' }], connectivity });
    expect(c).toMatchObject({ added: 1, changed: 1, deleted: 0, opened: 2, closed: 1, flowChanges: 3, incomplete: [] });
  });
  it('summarises each cluster, a cluster without changes included', () => {
    expect(impactSummary({ objects: [{ path: '/a', resource_type: 'Rule', change: 'CHANGED' }], connectivity }))
      .toBe('Objects: 1 changed; demo: 3 flow changes, 2 open, 1 closes; prod: no flow changes');
  });
  it('says so when the server did not compute the flows', () => {
    expect(impactSummary({ objects: [] })).toBe('No object changes; flows not computed by this server');
  });
  it('says how many of a truncated list are shown and marks the cluster incomplete', () => {
    const cut: ClusterConnectivity = { cluster: 'big', flow_change_count: 1200, flows: [flow('closed')], truncated: true };
    expect(clusterSummary(cut)).toBe('big: 1200 flow changes, 0 open, 1 closes (first 1 of 1200 shown)');
    expect(impactCounts({ objects: [], connectivity: [cut] }).incomplete).toEqual(['big']);
  });
  it('reports a cluster whose diff failed with its error', () => {
    expect(clusterSummary({ cluster: 'east', flow_change_count: 0, flows: [], error: 'no inventory yet' }))
      .toBe('east: flows not computed (no inventory yet)');
  });
});

describe('flow rendering', () => {
  it('names a pod class by namespace and pods, the first three of many', () => {
    expect(partyText({ namespace: 'shop', pods: ['web-1', 'web-2'] })).toBe('shop/[web-1,web-2]');
    expect(partyText({ namespace: 'shop', pods: ['shop/web-1', 'shop/web-2'] })).toBe('shop/[web-1,web-2]');
    expect(partyText({ namespace: 'shop', pods: ['a', 'b', 'c', 'd', 'e'] })).toBe('shop/[a,b,c +2 more]');
    expect(partyText({ addresses: ['10.0.0.0/8', '192.168.1.1'] })).toBe('10.0.0.0/8, 192.168.1.1');
  });
  it('writes one port, a range, and the whole range as all ports', () => {
    expect(portsText('TCP', [5432, 5432])).toBe('TCP 5432');
    expect(portsText('UDP', [8000, 8080])).toBe('UDP 8000-8080');
    expect(portsText('TCP', [1, 65535])).toBe('TCP all ports');
  });
  it('links a DFW rule to the firewall screen and a NetworkPolicy to its namespace', () => {
    expect(ruleHref({ policy: 'shop-db', rule: 'rules/allow-api', action: 'ALLOW' }, 'demo'))
      .toBe('/firewall?policy=shop-db&rule=allow-api');
    expect(ruleHref({ policy: 'shop/deny-all', rule: 'spec.ingress[0]', action: 'ALLOW' }, 'demo'))
      .toBe('/inventory?cluster=demo&open=demo%2Fshop');
  });
  it('names the isolating policies of an implicit deny', () => {
    expect(reasonText({ outcome: 'ISOLATED', rules: [], isolatedBy: ['shop/deny-all'] }))
      .toBe('ISOLATED by isolation of shop/deny-all');
    expect(reasonText({ outcome: 'ALLOWED', rules: [{ policy: 'p', rule: 'r', action: 'ALLOW' }] })).toBe('ALLOWED');
  });
});
