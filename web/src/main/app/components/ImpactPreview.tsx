import {
  Alert, Button, Label, List, ListItem, Modal, ModalBody, ModalFooter, ModalHeader, Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ClusterConnectivity, DirectionReason, FlowDecision, ObjectChange, WritePreview } from '../api/types';
import {
  clusterSummary, fieldChanges, flowKey, type Impact, impactSummary, partyText, portsText, reasonText, ruleHref,
} from '../logic/impact';
import { ErrorAlert, Loading } from './States';

const CHANGE_COLOR = { ADDED: 'green', CHANGED: 'blue', DELETED: 'red' } as const;

/**
 * What a change does before it is made (or what changed between two revisions): the objects it touches with the
 * fields that differ, and per cluster the flows it opens or closes with the deciding rule before and after.
 */
export function ImpactPanel({ impact, heading = 'h3', flowsOnly = false }: {
  impact: Impact; heading?: 'h2' | 'h3'; flowsOnly?: boolean;
}) {
  const sub = heading === 'h2' ? 'h3' : 'h4';
  return (
    <div data-testid="impact" className="bw-impact">
      {!flowsOnly && <>
        <p data-testid="impact-summary"><strong>{impactSummary(impact)}</strong></p>
        <Title headingLevel={heading} size="md">Objects ({impact.objects.length})</Title>
        <ObjectsTable objects={impact.objects} />
      </>}
      {!!impact.import_marks?.length && <>
        <Title headingLevel={heading} size="md">NetworkPolicies marked imported ({impact.import_marks.length})</Title>
        <List data-testid="impact-marks">{impact.import_marks.map((m) => (
          <ListItem key={`${m.cluster} ${m.uid}`}>
            <Label isCompact color={CHANGE_COLOR[m.change] ?? 'grey'}>{m.change === 'ADDED' ? 'marked' : m.change === 'DELETED'
              ? 'unmarked' : m.change}</Label>{' '}<span className="bw-mono">{m.cluster}/{m.namespace}/{m.name}</span>
          </ListItem>))}</List>
      </>}
      <Title headingLevel={heading} size="md">Flows</Title>
      {!impact.connectivity
        ? <Alert isInline isPlain variant="info" title="Flows not computed" data-testid="impact-no-flows">
          The server answered without the connectivity diff, so only the objects are shown.</Alert>
        : !impact.connectivity.length ? <p>No cluster to compare on.</p>
          : impact.connectivity.map((c) => <ClusterFlows key={c.cluster} connectivity={c} heading={sub} />)}
    </div>
  );
}

function ObjectsTable({ objects }: { objects: ObjectChange[] }) {
  if (!objects.length) return <p data-testid="impact-objects">Nothing changes.</p>;
  return (
    <Table aria-label="Objects touched" variant="compact" data-testid="impact-objects">
      <Thead><Tr><Th>Change</Th><Th>Object</Th><Th>Fields (before → after)</Th></Tr></Thead>
      <Tbody>
        {objects.map((o) => (
          <Tr key={`${o.change} ${o.path}`}>
            <Td dataLabel="Change"><Label isCompact color={CHANGE_COLOR[o.change] ?? 'grey'}>{o.change}</Label></Td>
            <Td dataLabel="Object"><div className="bw-mono">{o.path}</div><div>{o.resource_type}</div></Td>
            <Td dataLabel="Fields"><FieldList change={o} /></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function FieldList({ change }: { change: ObjectChange }) {
  if (change.before === undefined && change.after === undefined) return <span>—</span>;
  const fields = fieldChanges(change);
  if (!fields.length) return <span>only bookkeeping fields</span>;
  return (
    <ul className="bw-fields">
      {fields.map((f) => (
        <li key={f.field} className="bw-mono">
          <strong>{f.field}</strong>:{' '}
          {change.change !== 'ADDED' && <del>{f.before}</del>}
          {change.change === 'CHANGED' && ' → '}
          {change.change !== 'DELETED' && <ins>{f.after}</ins>}
        </li>
      ))}
    </ul>
  );
}

function ClusterFlows({ connectivity: c, heading }: { connectivity: ClusterConnectivity; heading: 'h3' | 'h4' }) {
  const flows = c.flows ?? [];
  return (
    <section data-testid={`impact-cluster-${c.cluster}`} className="bw-impact-cluster">
      <Title headingLevel={heading} size="md">{clusterSummary(c)}</Title>
      {c.error && <Alert isInline variant="danger" title={`Flows of ${c.cluster} not computed`}>{c.error}</Alert>}
      {(c.truncated || (c.flow_change_count ?? 0) > flows.length) && (
        <Alert isInline isPlain variant="warning" title="List truncated" data-testid="impact-truncated">
          Only the first {flows.length} of {c.flow_change_count} flow changes are listed.</Alert>
      )}
      {!!c.notes?.length && <List>{c.notes.map((n, i) => <ListItem key={i}>Note: {n}</ListItem>)}</List>}
      {!!flows.length && (
        <Table aria-label={`Flow changes on ${c.cluster}`} variant="compact" data-testid={`impact-flows-${c.cluster}`}>
          <Thead><Tr><Th modifier="wrap">Change</Th><Th modifier="wrap">From</Th><Th modifier="wrap">To</Th>
            <Th modifier="wrap">Protocol / ports</Th><Th modifier="wrap">Before</Th><Th modifier="wrap">After</Th></Tr></Thead>
          <Tbody>
            {flows.map((f, i) => (
              <Tr key={`${flowKey(f)} ${i}`} data-testid="impact-flow">
                <Td dataLabel="Change"><Label isCompact color={f.change === 'opened' ? 'orange' : 'purple'}>{f.change}</Label></Td>
                <Td dataLabel="From" className="bw-mono">{partyText(f.from)}</Td>
                <Td dataLabel="To" className="bw-mono">{partyText(f.to)}</Td>
                <Td dataLabel="Protocol / ports" className="bw-mono">{portsText(f.protocol, f.ports)}</Td>
                <Td dataLabel="Before"><DecisionCell decision={f.before} cluster={c.cluster} /></Td>
                <Td dataLabel="After"><DecisionCell decision={f.after} cluster={c.cluster} /></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}

function DecisionCell({ decision, cluster }: { decision: FlowDecision; cluster: string }) {
  if (!decision) return <span>—</span>;
  return (
    <div>
      <strong>{decision.allowed ? 'allowed' : 'blocked'}</strong>
      <Reason name="egress" reason={decision.egress} cluster={cluster} />
      <Reason name="ingress" reason={decision.ingress} cluster={cluster} />
    </div>
  );
}

function Reason({ name, reason, cluster }: { name: string; reason: DirectionReason; cluster: string }) {
  return (
    <div>
      {name}: {reasonText(reason)}
      {reason?.rules?.map((r) => (
        <span key={`${r.policy} ${r.rule}`}> by <Link to={ruleHref(r, cluster)} className="bw-mono">
          {r.policy}/{r.rule.replace(/^rules\//, '')}</Link> ({r.action})</span>
      ))}
    </div>
  );
}

/** The impact of the edit in a form, below its fields; scrolled into view when it appears. */
export function PendingImpact({ preview }: { preview: WritePreview }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { ref.current?.scrollIntoView?.({ block: 'start' }); }, [preview]);
  return (
    <section ref={ref} className="bw-impact-cluster" aria-label="Impact before save">
      <Title headingLevel="h2" size="lg">Impact before save</Title>
      <p className="bw-mono">{preview.request}</p>
      <ImpactPanel impact={preview} />
    </section>
  );
}

/** One write of a change: previewed first, committed on Save. */
export interface WriteStep {
  preview(): Promise<WritePreview>;
  commit(): Promise<unknown>;
}

/**
 * A change that is not typed into a form (delete, reorder, rollback): previews every step when opened, shows the
 * impact, and commits the steps in order on Save. A preview refused as stale (412) shows the conflict; Reload
 * closes the dialog and reloads the screen, since the change was built on the old revision.
 */
export function ImpactDialog({ title, steps, saveLabel = 'Save', onClose }: {
  title: string; steps: WriteStep[]; saveLabel?: string; onClose(saved: boolean): void;
}) {
  const [previews, setPreviews] = useState<WritePreview[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const out: WritePreview[] = [];
      for (const step of steps) out.push(await step.preview());
      return out;
    })().then((p) => live && setPreviews(p), (e) => live && setError(e));
    return () => { live = false; };
  }, [steps]);

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      for (const step of steps) await step.commit();
      onClose(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal isOpen variant="large" onClose={() => onClose(false)} aria-labelledby="impact-title">
      <ModalHeader title={title} labelId="impact-title"
        description="Nothing is written until you save: this is what the change would do." />
      <ModalBody data-testid="impact-dialog">
        {error !== undefined && <div data-testid="impact-error"><ErrorAlert error={error} onReload={() => onClose(true)} /></div>}
        {!previews ? (error === undefined && <Loading what="impact" />)
          : previews.map((p, i) => (
            <section key={i}>
              {previews.length > 1 && <>
                <Title headingLevel="h2" size="lg">Step {i + 1} of {previews.length}: {p.request}</Title>
                <p>Each step is previewed against the configuration in force now, not after the steps before it.</p>
              </>}
              {previews.length === 1 && <p className="bw-mono">{p.request}</p>}
              <ImpactPanel impact={p} heading={previews.length > 1 ? 'h3' : 'h2'} />
            </section>
          ))}
      </ModalBody>
      <ModalFooter>
        <Button onClick={save} isDisabled={!previews || busy} isLoading={busy}>{saveLabel}</Button>
        <Button variant="link" onClick={() => onClose(false)}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );
}
