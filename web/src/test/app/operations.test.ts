import { describe, expect, it } from 'vitest';
import type { RuleStat, Traceflow } from '../../main/app/api/operations';
import {
  bytes, compact, formProblems, hops, ruleKey, sumRuleStats, traceflowRequest, type TraceflowForm,
} from '../../main/app/logic/operations';

function stat(cluster: string, policy: string, rule: string, sessions: number): RuleStat {
  return { cluster, policy_id: policy, rule_id: rule, sessions, packets: sessions * 10, bytes: sessions * 100,
    counter_resets: 0, first_time: 1, last_hit_time: sessions ? 2 : 0 };
}

describe('sumRuleStats', () => {
  it('sums sessions, packets and bytes of one rule over clusters', () => {
    const hits = sumRuleStats([stat('prod', 'web', 'allow', 10), stat('stage', 'web', 'allow', 5)]);
    expect(hits.get(ruleKey('web', 'allow'))!.total).toEqual({ sessions: 15, packets: 150, bytes: 1500 });
  });
  it('keeps each cluster share sorted by cluster name', () => {
    const hits = sumRuleStats([stat('stage', 'web', 'allow', 5), stat('prod', 'web', 'allow', 10)]);
    expect(hits.get(ruleKey('web', 'allow'))!.clusters.map((c) => [c.cluster, c.sessions]))
      .toEqual([['prod', 10], ['stage', 5]]);
  });
  it('keeps rules of the same id in different policies apart', () => {
    const hits = sumRuleStats([stat('prod', 'web', 'allow', 1), stat('prod', 'db', 'allow', 7)]);
    expect(hits.get(ruleKey('web', 'allow'))!.total.sessions).toBe(1);
    expect(hits.get(ruleKey('db', 'allow'))!.total.sessions).toBe(7);
  });
  it('has no entry for a rule nothing was reported for', () => {
    expect(sumRuleStats([stat('prod', 'web', 'allow', 1)]).has(ruleKey('web', 'drop'))).toBe(false);
  });
});

describe('number formats', () => {
  it.each([[0, '0'], [9999, '9999'], [12_345, '12.3k'], [1_234_567, '1.2M'], [250_000_000, '250M'], [3e9, '3.0G']])(
    'compact(%d) is %s', (n, text) => expect(compact(n)).toBe(text));
  it.each([[512, '512 B'], [2048, '2.0 KiB'], [5 * 1024 * 1024, '5.0 MiB']])(
    'bytes(%d) is %s', (n, text) => expect(bytes(n)).toBe(text));
});

function traceflow(results: NonNullable<Traceflow['observed']>['results']): Traceflow {
  return {
    id: 'tf-1', cluster: 'prod', source: { pod: 'shop/db-1' }, destination: { pod: 'shop/web-1' }, protocol: 'TCP',
    port: 8080, state: 'COMPLETED',
    predicted: { verdict: 'DENIED', deciding_rules: [] },
    observed: { phase: 'Succeeded', verdict: 'DROPPED', results },
    agreement: { status: 'AGREE', message: '' },
  };
}

describe('hops', () => {
  it('puts the sender node before the receiver node whatever the report order', () => {
    const tf = traceflow([
      { node: 'node-2', role: 'Receiver', observations: [{ component: 'Forwarding', action: 'Received' }] },
      { node: 'node-1', role: 'Sender', observations: [{ component: 'SpoofGuard', action: 'Forwarded' }] },
    ]);
    expect(hops(tf).map((h) => `${h.node}:${h.component}`)).toEqual(['node-1:SpoofGuard', 'node-2:Forwarding']);
  });
  it('names the Antrea rule and the DFW rule it realizes on a dropping hop', () => {
    const [h] = hops(traceflow([{ node: 'node-1', role: 'Sender', observations: [{
      component: 'NetworkPolicy', component_info: 'IngressRule', action: 'Dropped',
      network_policy: 'AntreaClusterNetworkPolicy:bw-web', network_policy_rule: 'rule-0-drop',
      dfw_policy_id: 'web-drop', dfw_rule_id: 'default-drop' }] }]));
    expect(h.tone).toBe('drop');
    expect(h.antreaRule).toBe('AntreaClusterNetworkPolicy:bw-web / rule-0-drop');
    expect(h.dfwRule).toBe('web-drop / default-drop');
  });
  it('leaves the rules empty where no policy matched', () => {
    const [h] = hops(traceflow([{ node: 'n', role: 'Receiver', observations: [{ component: 'Output', action: 'Delivered',
      network_policy: '', dfw_policy_id: '' }] }]));
    expect([h.tone, h.antreaRule, h.dfwRule, h.dfwPolicyId]).toEqual(['deliver', '', '', undefined]);
  });
  it('is empty before the adapter reported', () => {
    expect(hops({ ...traceflow([]), observed: null, state: 'PENDING' })).toEqual([]);
  });
});

const FORM: TraceflowForm = { cluster: 'prod', sourceKind: 'pod', source: 'shop/db-1', destinationKind: 'ip',
  destination: '10.10.1.5', protocol: 'UDP', port: '53' };

describe('traceflow form', () => {
  it('builds the request of docs/api.md from a valid form', () => {
    expect(formProblems(FORM)).toEqual({});
    expect(traceflowRequest({ ...FORM, destinationKind: 'service', destination: ' shop/web ' })).toEqual({
      cluster: 'prod', source: { pod: 'shop/db-1' }, destination: { service: 'shop/web' }, protocol: 'UDP', port: 53 });
  });
  it('names each bad field', () => {
    expect(formProblems({ ...FORM, cluster: '', source: 'db-1', destination: 'shop/x', port: '70000' })).toEqual({
      cluster: 'choose a cluster', source: "'db-1' is not namespace/name",
      destination: "'shop/x' is not an IP address", port: 'a port from 1 to 65535' });
  });
  it('requires source and destination', () => {
    expect(formProblems({ ...FORM, source: ' ', destination: '' })).toMatchObject({ source: 'is required',
      destination: 'is required' });
  });
});
