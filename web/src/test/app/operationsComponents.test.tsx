import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterHealth, Traceflow } from '../../main/app/api/operations';
import { HealthView } from '../../main/app/components/AntreaHealthPanel';
import { HitCount } from '../../main/app/components/HitCount';
import { TraceflowResult } from '../../main/app/components/TraceflowResult';
import { sumRuleStats } from '../../main/app/logic/operations';

afterEach(cleanup);

const BASE: Traceflow = {
  id: 'tf-7', cluster: 'prod', source: { pod: 'shop/db-1' }, destination: { pod: 'shop/web-1' }, protocol: 'TCP',
  port: 9000, state: 'COMPLETED',
  predicted: { verdict: 'DENIED', deciding_rules: [{ direction: 'IN', policy: 'web-drop', rule: 'default-drop',
    action: 'DROP' }] },
  observed: { phase: 'Succeeded', verdict: 'DELIVERED', results: [
    { node: 'node-1', role: 'Sender', observations: [{ component: 'SpoofGuard', action: 'Forwarded' }] },
    { node: 'node-2', role: 'Receiver', observations: [{ component: 'Output', action: 'Delivered' }] },
  ] },
  agreement: { status: 'DISAGREE', message: 'predicted DENIED but observed DELIVERED' },
};

function renderResult(tf: Traceflow) {
  return render(<MemoryRouter><TraceflowResult tf={tf} /></MemoryRouter>);
}

describe('TraceflowResult', () => {
  it('flags a disagreement between prediction and observation', () => {
    renderResult(BASE);
    expect(screen.getByText(/Disagreement: the data plane did not do what the DFW rules say/)).toBeTruthy();
    expect(screen.getByText('predicted DENIED but observed DELIVERED')).toBeTruthy();
  });
  it('draws one hop per observation in packet order', () => {
    renderResult(BASE);
    const list = screen.getByRole('list', { name: 'Observed hops' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('SpoofGuard'), expect.stringContaining('Output')]);
  });
  it('links the deciding rule of the prediction to the firewall screen', () => {
    renderResult(BASE);
    expect(screen.getByRole('link', { name: 'web-drop / default-drop' }).getAttribute('href'))
      .toBe('/firewall?policy=web-drop&rule=default-drop');
  });
  it('shows the evaluator notes of the prediction', () => {
    const decision = { direction: 'Ingress', outcome: 'DENIED', allows: false, selecting_policies: [],
      deciding_rules: [], note: 'shop/db-1 is isolated for Ingress' };
    renderResult({ ...BASE, predicted: { ...BASE.predicted, explanation: { target: 'nsx', cluster: 'prod',
      source: 'shop/web-1', destination: 'shop/db-1', protocol: 'TCP', port: 5432, allowed: false, warnings: [],
      egress: { ...decision, direction: 'Egress', note: '' }, ingress: decision } } });
    expect(screen.getByText('shop/db-1 is isolated for Ingress')).toBeTruthy();
  });
  it('says why a Service destination has no prediction', () => {
    renderResult({ ...BASE, destination: { service: 'shop/web' }, predicted: { verdict: 'UNPREDICTED',
      note: 'a Service\'s backends are not resolved' } });
    expect(screen.getByTestId('predicted-verdict').textContent).toBe('UNPREDICTED');
    expect(screen.getByText("a Service's backends are not resolved")).toBeTruthy();
  });
  it('shows no verdict comparison while the traceflow is pending', () => {
    renderResult({ ...BASE, state: 'PENDING', observed: null, agreement: { status: 'UNDECIDED', message: 'x' } });
    expect(screen.queryByTestId('agreement')).toBeNull();
    expect(screen.getByText(/Waiting for the cluster's adapter/)).toBeTruthy();
  });
});

describe('HitCount', () => {
  const async = (data: ReturnType<typeof sumRuleStats>) => ({ data, error: undefined, loading: false, reload() {} });
  it('shows sessions summed over clusters with each cluster inside', () => {
    const hits = sumRuleStats([
      { cluster: 'prod', policy_id: 'web', rule_id: 'allow', sessions: 10, packets: 100, bytes: 1000, counter_resets: 0,
        first_time: 1, last_hit_time: 2 },
      { cluster: 'stage', policy_id: 'web', rule_id: 'allow', sessions: 5, packets: 50, bytes: 500, counter_resets: 1,
        first_time: 1, last_hit_time: 2 }]);
    render(<HitCount hits={async(hits)} policyId="web" ruleId="allow" />);
    const cell = screen.getByTestId('hits-web-allow');
    expect(within(cell).getByText('15')).toBeTruthy();
    expect(cell.textContent).toContain('stage: 5 sessions');
    expect(cell.textContent).toContain('1 counter resets');
  });
  it('says when no cluster reported a rule', () => {
    render(<HitCount hits={async(new Map())} policyId="web" ruleId="allow" />);
    expect(screen.getByTestId('hits-web-allow').textContent).toBe('no report');
  });
});

describe('HealthView', () => {
  const degraded: ClusterHealth = {
    cluster: 'prod', status: 'DEGRADED', reasons: ['antrea-agent on node-2 is Stale: last heartbeat 612 s ago'],
    heartbeat_timeout_seconds: 180, controller: { name: 'antrea-controller', version: 'v2.2.0', connected_agents: 2,
      state: 'Healthy', detail: '', conditions: [{ type: 'ControllerHealthy', status: 'True' }] },
    agent_count: 2, healthy_agents: 1,
  };
  it('shows a degraded cluster with its reasons and each agent state', () => {
    render(<HealthView health={degraded} agents={[
      { name: 'node-1', node: 'node-1', version: 'v2.2.0', local_pods: 3, state: 'Healthy', detail: '',
        ovs: { version: '3.1.1', bridge: 'br-int', flows: 12 } },
      { name: 'node-2', node: 'node-2', version: 'v2.2.0', local_pods: 1, state: 'Stale',
        detail: 'last heartbeat 612 s ago (limit 180 s)' }]} />);
    expect(screen.getByTestId('health-status-prod').textContent).toBe('DEGRADED');
    expect(screen.getByText(/node-2 is Stale/)).toBeTruthy();
    const rows = within(screen.getByRole('grid', { name: 'Antrea agents of prod' })).getAllByRole('row');
    expect(rows[2].textContent).toContain('Stale');
    expect(rows[1].textContent).toContain('v3.1.1, br-int, 12 flows');
  });
  it('says nothing was reported for a cluster without a report', () => {
    render(<HealthView health={{ ...degraded, status: 'UNKNOWN', reasons: [], controller: null, agent_count: 0,
      healthy_agents: 0 }} agents={[]} />);
    expect(screen.getByText('No Antrea health reported')).toBeTruthy();
  });
});
