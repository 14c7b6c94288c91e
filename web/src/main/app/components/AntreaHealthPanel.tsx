import { Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup,
  DescriptionListTerm, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { AgentHealth, ClusterHealth, ComponentState, Condition } from '../api/operations';
import { antreaAgents, antreaHealth } from '../api/operations';
import { useSession } from '../session';
import { Empty, ErrorAlert, Loading } from './States';
import { useAsync } from './useAsync';

const STATUS_COLOR = { HEALTHY: 'green', DEGRADED: 'red', UNKNOWN: 'grey' } as const;
const STATE_COLOR: Record<ComponentState, 'green' | 'red' | 'orange'> = {
  Healthy: 'green', Unhealthy: 'red', Stale: 'orange',
};

export function StateLabel({ state }: { state: ComponentState }) {
  return <Label isCompact color={STATE_COLOR[state] ?? 'orange'}>{state}</Label>;
}

function Conditions({ conditions }: { conditions?: Condition[] }) {
  if (!conditions?.length) return <>none reported</>;
  return (
    <span className="bw-gap">
      {conditions.map((c) => (
        <Label key={c.type} isCompact color={c.status === 'True' ? 'green' : 'red'}
          title={[c.reason, c.message].filter(Boolean).join(': ') || undefined}>
          {c.type}{c.status === 'True' ? '' : `: ${c.status}`}</Label>))}
    </span>
  );
}

function heartbeat(c: { last_heartbeat?: string; heartbeat_age_seconds?: number }) {
  if (!c.last_heartbeat) return 'never';
  return c.heartbeat_age_seconds === undefined ? c.last_heartbeat
    : `${c.last_heartbeat} (${c.heartbeat_age_seconds} s ago)`;
}

/** One cluster's Antrea health: the server's judgement, the controller and each node's agent. */
export function AntreaHealthPanel({ cluster }: { cluster: string }) {
  const { client } = useSession();
  const health = useAsync(() => Promise.all([antreaHealth(client, cluster), antreaAgents(client, cluster)]),
    [client, cluster]);
  return (
    <Card isCompact data-testid={`antrea-health-${cluster}`} component="section" aria-label={`Antrea health of ${cluster}`}>
      <CardTitle><Title headingLevel="h3" size="md">Antrea health of {cluster}</Title></CardTitle>
      <CardBody>
        {health.error ? <ErrorAlert error={health.error} onReload={health.reload} />
          : !health.data ? <Loading what={`Antrea health of ${cluster}`} />
            : <HealthView health={health.data[0]} agents={health.data[1]} />}
      </CardBody>
    </Card>
  );
}

export function HealthView({ health, agents }: { health: ClusterHealth; agents: AgentHealth[] }) {
  const c = health.controller;
  return (
    <>
      <p className="bw-gap">
        <Label color={STATUS_COLOR[health.status] ?? 'grey'} data-testid={`health-status-${health.cluster}`}>
          {health.status}</Label>
        <span>{health.healthy_agents} of {health.agent_count} agents healthy; heartbeats older than
          {' '}{health.heartbeat_timeout_seconds} s count as stale</span>
      </p>
      {health.reasons.length > 0 && (
        <ul aria-label={`Why ${health.cluster} is ${health.status}`} className="bw-reasons">
          {health.reasons.map((r) => <li key={r}>{r}</li>)}
        </ul>
      )}
      {health.status === 'UNKNOWN' && !c && !agents.length ? (
        <Empty title="No Antrea health reported">The cluster's adapter has not reported Antrea's monitoring objects
          yet (it does every 15 s once it runs).</Empty>
      ) : (
        <>
          <Title headingLevel="h4" size="md">Controller</Title>
          {!c ? <p>No antrea-controller reported.</p> : (
            <DescriptionList isCompact isHorizontal columnModifier={{ default: '2Col' }}>
              <Item term="State"><StateLabel state={c.state} /> {c.detail}</Item>
              <Item term="Version">{c.version ?? '?'}</Item>
              <Item term="Connected agents">{c.connected_agents ?? '?'}</Item>
              <Item term="Pod">{c.pod ?? ''}{c.node ? ` on ${c.node}` : ''}</Item>
              <Item term="Conditions"><Conditions conditions={c.conditions} /></Item>
              <Item term="Last heartbeat">{heartbeat(c)}</Item>
            </DescriptionList>
          )}
          <Title headingLevel="h4" size="md" style={{ marginTop: '1rem' }}>Agents</Title>
          {!agents.length ? <p>No antrea-agent reported.</p> : (
            <Table aria-label={`Antrea agents of ${health.cluster}`} variant="compact"
              data-testid={`agents-${health.cluster}`}>
              <Thead><Tr><Th>Node</Th><Th>State</Th><Th>Version</Th><Th>Conditions</Th><Th>Local pods</Th>
                <Th>OVS</Th><Th>Last heartbeat</Th></Tr></Thead>
              <Tbody>
                {agents.map((a) => (
                  <Tr key={a.name}>
                    <Td dataLabel="Node">{a.node || a.name}</Td>
                    <Td dataLabel="State"><StateLabel state={a.state} />{a.detail && <div>{a.detail}</div>}</Td>
                    <Td dataLabel="Version">{a.version ?? '?'}</Td>
                    <Td dataLabel="Conditions"><Conditions conditions={a.conditions} /></Td>
                    <Td dataLabel="Local pods">{a.local_pods ?? '?'}</Td>
                    <Td dataLabel="OVS">{a.ovs ? [a.ovs.version && `v${a.ovs.version}`, a.ovs.bridge,
                      a.ovs.flows !== undefined && `${a.ovs.flows} flows`].filter(Boolean).join(', ') : '?'}</Td>
                    <Td dataLabel="Last heartbeat">{heartbeat(a)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </>
      )}
    </>
  );
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

/** The clusters page's health section: one panel per cluster. */
export function AntreaHealthSection({ clusters }: { clusters: string[] }) {
  return (
    <section style={{ marginTop: '1.5rem' }} aria-labelledby="antrea-health-title">
      <Title headingLevel="h2" size="lg" id="antrea-health-title">Antrea health</Title>
      <p style={{ marginBottom: '0.5rem' }}>What antrea-controller and the antrea-agents report in Antrea's monitoring
        objects, as each cluster's adapter relays it; a cluster whose agents stop heartbeating turns DEGRADED.</p>
      <div style={{ display: 'grid', gap: '1rem' }}>
        {clusters.map((c) => <AntreaHealthPanel key={c} cluster={c} />)}
      </div>
    </section>
  );
}
