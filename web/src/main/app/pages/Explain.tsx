import {
  ActionGroup, Alert, Button, Form, FormGroup, FormSelect, FormSelectOption, Label, PageSection, TextInput, Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Decision } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { useSession } from '../session';

const FIELDS = ['cluster', 'from', 'to', 'protocol', 'port', 'target'] as const;

/** Where a deciding rule lives: a DFW rule in the firewall screen, a NetworkPolicy in the inventory. */
export function ruleLink(target: string, cluster: string, policy: string, rule: string): string {
  if (target === 'nsx') {
    const ruleId = rule.startsWith('rules/') ? rule.substring('rules/'.length) : rule;
    return `/firewall?policy=${encodeURIComponent(policy)}&rule=${encodeURIComponent(ruleId)}`;
  }
  const ns = policy.includes('/') ? policy.substring(0, policy.indexOf('/')) : '';
  return `/inventory?cluster=${encodeURIComponent(cluster)}&open=${encodeURIComponent(`${cluster}/${ns}`)}`;
}

export default function Explain() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const clusters = useAsync(() => client.clusters(), [client]);
  const [form, setForm] = useState(() => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? (f === 'protocol'
    ? 'TCP' : f === 'target' ? 'k8s' : '')])) as Record<(typeof FIELDS)[number], string>);
  const cluster = form.cluster || clusters.data?.[0]?.name || '';
  const asked = params.get('from') && params.get('to') && params.get('port');
  const result = useAsync(() => asked ? client.explain(params.get('cluster') || cluster, {
    from: params.get('from')!, to: params.get('to')!, port: params.get('port')!,
    protocol: params.get('protocol') ?? 'TCP', target: params.get('target') ?? 'k8s',
  }) : Promise.resolve(null), [client, params.toString(), cluster]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams({ ...form, cluster });
  }
  const set = (k: (typeof FIELDS)[number]) => (_e: unknown, v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <>
      <PageHeader title="Explain a flow">The verdict for one flow and the policy and rule that decided each
        direction.</PageHeader>
      <PageSection>
        <Form onSubmit={submit} isHorizontal={false}>
          <div className="bw-gap" style={{ alignItems: 'flex-end' }}>
            <FormGroup label="Cluster" fieldId="ex-cluster">
              <FormSelect id="ex-cluster" value={cluster} onChange={set('cluster')}>
                {(clusters.data ?? []).map((c) => <FormSelectOption key={c.name} value={c.name} label={c.name} />)}
              </FormSelect>
            </FormGroup>
            <FormGroup label="Source (namespace/pod or IP)" fieldId="ex-from" isRequired>
              <TextInput id="ex-from" value={form.from} onChange={set('from')} isRequired />
            </FormGroup>
            <FormGroup label="Destination (namespace/pod or IP)" fieldId="ex-to" isRequired>
              <TextInput id="ex-to" value={form.to} onChange={set('to')} isRequired />
            </FormGroup>
            <FormGroup label="Protocol" fieldId="ex-protocol">
              <FormSelect id="ex-protocol" value={form.protocol} onChange={set('protocol')}>
                {['TCP', 'UDP', 'SCTP'].map((p) => <FormSelectOption key={p} value={p} label={p} />)}
              </FormSelect>
            </FormGroup>
            <FormGroup label="Port" fieldId="ex-port" isRequired>
              <TextInput id="ex-port" value={form.port} onChange={set('port')} isRequired style={{ width: '7rem' }} />
            </FormGroup>
            <FormGroup label="Semantics" fieldId="ex-target">
              <FormSelect id="ex-target" value={form.target} onChange={set('target')}>
                <FormSelectOption value="k8s" label="Kubernetes NetworkPolicies" />
                <FormSelectOption value="nsx" label="DFW (desired state)" />
              </FormSelect>
            </FormGroup>
          </div>
          <ActionGroup><Button type="submit">Explain</Button></ActionGroup>
        </Form>
      </PageSection>
      <PageSection>
        {!asked ? <p>Give a source, a destination and a port.</p>
          : result.error ? <ErrorAlert error={result.error} />
            : result.loading || !result.data ? <Loading what="verdict" />
              : (
                <div data-testid="explanation">
                  <Alert isInline variant={result.data.allowed ? 'success' : 'danger'} data-testid="verdict"
                    title={`${result.data.allowed ? 'ALLOWED' : 'BLOCKED'}: ${result.data.source} → ${result.data.destination}`
                      + ` ${result.data.protocol}/${result.data.port} (${result.data.target})`} />
                  {[result.data.egress, result.data.ingress].map((d) => (
                    <DecisionView key={d.direction} decision={d} target={result.data!.target} cluster={result.data!.cluster} />
                  ))}
                  {result.data.warnings.length > 0 && <Alert isInline variant="warning" title="Warnings">
                    <ul>{result.data.warnings.map((w) => <li key={w}>{w}</li>)}</ul></Alert>}
                </div>
              )}
      </PageSection>
    </>
  );
}

function DecisionView({ decision, target, cluster }: { decision: Decision; target: string; cluster: string }) {
  return (
    <section style={{ marginTop: '1rem' }}>
      <Title headingLevel="h2" size="lg">{decision.direction}{' '}
        <Label color={decision.allows ? 'green' : 'red'}>{decision.outcome}</Label></Title>
      <p>{decision.note}</p>
      {decision.deciding_rules.length > 0 && (
        <Table aria-label={`${decision.direction} deciding rules`} variant="compact">
          <Thead><Tr><Th>Policy</Th><Th>Rule</Th><Th>Action</Th></Tr></Thead>
          <Tbody>
            {decision.deciding_rules.map((r) => (
              <Tr key={`${r.policy}-${r.rule}`}>
                <Td dataLabel="Policy"><Link to={ruleLink(target, cluster, r.policy, r.rule)}>{r.policy}</Link></Td>
                <Td dataLabel="Rule" className="bw-mono">{r.rule}</Td>
                <Td dataLabel="Action">{r.action}</Td>
              </Tr>))}
          </Tbody>
        </Table>
      )}
      {decision.selecting_policies.length > 0 && <p>Selecting policies: {decision.selecting_policies.join(', ')}</p>}
    </section>
  );
}
