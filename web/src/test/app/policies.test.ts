import { describe, expect, it } from 'vitest';
import type { SecurityPolicy } from '../../main/app/api/types';
import {
  evaluationOrder, literal, moveWithinCategory, policySearchQuery, realizationSummary, services,
} from '../../main/app/logic/policies';

function policy(id: string, category: string, seq: number, tags: [string, string][] = [], revision = 0): SecurityPolicy {
  return { id, display_name: id, path: `/infra/domains/default/security-policies/${id}`, category, sequence_number: seq,
    scope: [], rules: [], rule_count: 0, tags: tags.map(([scope, tag]) => ({ scope, tag })), _revision: revision };
}

describe('evaluation order', () => {
  it('orders by category first, then by sequence number', () => {
    const out = evaluationOrder([policy('app-1', 'Application', 1), policy('emg-9', 'Emergency', 9),
      policy('env-0', 'Environment', 0), policy('app-0', 'Application', 0)]);
    expect(out.map((p) => p.id)).toEqual(['emg-9', 'env-0', 'app-0', 'app-1']);
  });
});

describe('the firewall filters as a server search query', () => {
  it('asks for nothing when no filter is set', () => {
    expect(policySearchQuery({ text: '  ' })).toBeUndefined();
  });
  it('matches each chosen tag as one scope|tag pair', () => {
    expect(policySearchQuery({ cluster: 'prod', namespace: 'shop' })).toBe('resource_type:SecurityPolicy'
      + ' AND tags:"breakwater.io/cluster|prod" AND tags:"breakwater.io/namespace|shop"');
  });
  it('looks for every word of the text anywhere, ignoring case', () => {
    expect(policySearchQuery({ text: 'web  db' })).toBe('resource_type:SecurityPolicy AND *web* AND *db*');
  });
  it('escapes what the query language would read as syntax', () => {
    expect(literal('a:b*(c)-d')).toBe('a\\:b\\*\\(c\\)\\-d');
    expect(policySearchQuery({ networkPolicy: 'shop/say "hi"' }))
      .toBe('resource_type:SecurityPolicy AND tags:"breakwater.io/network-policy|shop/say \\"hi\\""');
  });
});

describe('moving a policy', () => {
  it('swaps sequence numbers with its neighbour and sends each _revision', () => {
    const all = [policy('a', 'Application', 1, [], 4), policy('b', 'Application', 5, [], 7)];
    expect(moveWithinCategory(all, 'b', -1)).toEqual([
      { id: 'b', sequence_number: 1, _revision: 7 },
      { id: 'a', sequence_number: 5, _revision: 4 },
    ]);
  });
  it('does not move across categories', () => {
    const all = [policy('e', 'Environment', 1), policy('a', 'Application', 0)];
    expect(moveWithinCategory(all, 'a', -1)).toEqual([]);
  });
  it('puts the moved one before its neighbour when both share a number', () => {
    const all = [policy('a', 'Application', 3), policy('b', 'Application', 3)];
    expect(moveWithinCategory(all, 'b', -1)).toEqual([{ id: 'b', sequence_number: 2, _revision: 0 }]);
  });
});

describe('realization summary', () => {
  it('counts the phases one cluster reported', () => {
    const a = { ...policy('a', 'Application', 1), status: { consolidated_status: 'SUCCESS',
      per_cluster: [{ cluster: 'prod', phase: 'Realized', message: '' }] } };
    const b = { ...policy('b', 'Application', 2), status: { consolidated_status: 'ERROR',
      per_cluster: [{ cluster: 'prod', phase: 'Failed', message: 'x' }, { cluster: 'dev', phase: 'Realized', message: '' }] } };
    expect(realizationSummary([a, b], 'prod')).toEqual({ Realized: 1, Failed: 1 });
  });
});

describe('services', () => {
  it('prints protocol and ports, or ANY', () => {
    expect(services({ id: 'r', sequence_number: 0, source_groups: [], destination_groups: [], services: [], scope: [],
      action: 'ALLOW', direction: 'IN', service_entries: [{ resource_type: 'L4PortSetServiceEntry', l4_protocol: 'TCP',
        destination_ports: ['8080', '9000'] }] })).toBe('TCP/8080,9000');
    expect(services({ id: 'r', sequence_number: 0, source_groups: [], destination_groups: [], services: [], scope: [],
      action: 'ALLOW', direction: 'IN', service_entries: [] })).toBe('ANY');
  });
});
