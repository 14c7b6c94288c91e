import { Alert, Card, CardBody, CardTitle, Label, Title } from '@patternfly/react-core';
import { Link } from 'react-router';
import type { Traceflow } from '../api/operations';
import { describeEndpoint, hops, type Hop, type HopTone } from '../logic/operations';

const TONE_COLOR: Record<HopTone, 'green' | 'red' | 'blue' | 'grey'> = {
  pass: 'blue', deliver: 'green', drop: 'red', neutral: 'grey',
};
const VERDICT_COLOR: Record<string, 'green' | 'red' | 'grey'> = {
  ALLOWED: 'green', DELIVERED: 'green', DENIED: 'red', DROPPED: 'red', REJECTED: 'red',
};

function firewallLink(policy: string, rule?: string) {
  const q = new URLSearchParams({ policy });
  if (rule) q.set('rule', rule);
  return `/firewall?${q}`;
}

/** The observed path as a list of hops, one per observation, in packet order. */
export function HopList({ hops: list }: { hops: Hop[] }) {
  if (!list.length) return <p>No observation reported.</p>;
  return (
    <ol className="bw-hops" aria-label="Observed hops">
      {list.map((h, i) => (
        <li key={i} className={`bw-hop bw-hop-${h.tone}`} data-testid="hop">
          <div className="bw-gap">
            <strong>{h.component}</strong>
            <Label isCompact color={TONE_COLOR[h.tone]}>{h.action}</Label>
            <span>on {h.node}{h.role ? ` (${h.role.toLowerCase()})` : ''}</span>
          </div>
          {h.info && <div className="bw-mono">{h.info}</div>}
          {h.antreaRule && <div>Antrea rule: <span className="bw-mono">{h.antreaRule}</span></div>}
          {h.dfwPolicyId && (
            <div>DFW rule: <Link className="bw-mono" to={firewallLink(h.dfwPolicyId, h.dfwRuleId)}>{h.dfwRule}</Link></div>)}
          {h.antreaRule && !h.dfwPolicyId && <div>DFW rule: not one of Breakwater's</div>}
        </li>
      ))}
    </ol>
  );
}

export function AgreementBanner({ tf }: { tf: Traceflow }) {
  const a = tf.agreement;
  if (a.status === 'DISAGREE') {
    return (
      <Alert variant="danger" isInline title="Disagreement: the data plane did not do what the DFW rules say"
        data-testid="agreement">{a.message}</Alert>
    );
  }
  if (a.status === 'AGREE') {
    return <Alert variant="success" isInline title="Observed as predicted" data-testid="agreement">{a.message}</Alert>;
  }
  return <Alert variant="info" isInline title="No comparison" data-testid="agreement">{a.message}</Alert>;
}

/** The predicted verdict with its deciding rules beside the observed hops, and whether the two agree. */
export function TraceflowResult({ tf }: { tf: Traceflow }) {
  const observed = tf.observed;
  return (
    <section aria-label={`Traceflow ${tf.id}`} data-testid="traceflow-result">
      <p>Traceflow <span className="bw-mono">{tf.id}</span> in {tf.cluster}: {describeEndpoint(tf.source)} →
        {' '}{describeEndpoint(tf.destination)}, {tf.protocol}/{tf.port}. State <strong data-testid="traceflow-state">
          {tf.state}</strong>.</p>
      {tf.state !== 'PENDING' && <AgreementBanner tf={tf} />}
      <div className="bw-tf-columns">
        <Card isCompact component="section">
          <CardTitle><Title headingLevel="h2" size="lg">Predicted</Title></CardTitle>
          <CardBody>
            <p><Label color={VERDICT_COLOR[tf.predicted.verdict] ?? 'grey'} data-testid="predicted-verdict">
              {tf.predicted.verdict}</Label> by the DFW rules in force</p>
            {!!tf.predicted.deciding_rules?.length && (
              <ul aria-label="Deciding rules">
                {tf.predicted.deciding_rules.map((r, i) => (
                  <li key={i}>{r.direction}: <Link className="bw-mono" to={firewallLink(r.policy, r.rule)}>
                    {r.policy} / {r.rule}</Link> ({r.action})</li>))}
              </ul>
            )}
            {tf.predicted.note && <p>{tf.predicted.note}</p>}
            {[tf.predicted.explanation?.egress?.note, tf.predicted.explanation?.ingress?.note].filter(Boolean)
              .map((note) => <p key={note}>{note}</p>)}
          </CardBody>
        </Card>
        <Card isCompact component="section">
          <CardTitle><Title headingLevel="h2" size="lg">Observed</Title></CardTitle>
          <CardBody>
            {!observed ? <p>Waiting for the cluster's adapter to run the Antrea Traceflow…</p> : (
              <>
                <p><Label color={VERDICT_COLOR[observed.verdict] ?? 'grey'} data-testid="observed-verdict">
                  {observed.verdict}</Label> (phase {observed.phase}{observed.reason ? `: ${observed.reason}` : ''})</p>
                <HopList hops={hops(tf)} />
              </>
            )}
          </CardBody>
        </Card>
      </div>
    </section>
  );
}
