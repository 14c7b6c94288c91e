import { Button, Label, PageSection, Title, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { RevisionSummary } from '../api/types';
import { ImpactDialog, ImpactPanel, type WriteStep } from '../components/ImpactPreview';
import { PageHeader, time } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { usePaged } from '../components/usePaged';
import { diffRange, parseSelection, previousOf, selectionParam, toggleSelection } from '../logic/revisions';
import { useSession } from '../session';

const CHANGE_COLOR = { ADDED: 'green', CHANGED: 'blue', DELETED: 'red' } as const;

export default function Revisions() {
  const { client, canWrite } = useSession();
  const [params, setParams] = useSearchParams();
  const list = usePaged<RevisionSummary>((cursor) => client.revisions({ cursor, page_size: 50 }), [client]);
  const selected = parseSelection(params.get('compare'));
  const open = Number(params.get('rev')) || undefined;
  const range = diffRange(selected);
  const numbers = useMemo(() => list.rows.map((r) => r.revision_number), [list.rows]);
  const [rollback, setRollback] = useState<{ n: number; steps: WriteStep[] } | null>(null);

  // from the URL as it is when the update runs, so two quick picks both count
  function set(key: string, value: string | ((old: string | null) => string)) {
    setParams((old) => {
      const next = new URLSearchParams(old);
      const v = typeof value === 'function' ? value(old.get(key)) : value;
      if (v) next.set(key, v); else next.delete(key);
      return next;
    }, { replace: true });
  }

  function startRollback(n: number) {
    setRollback({ n, steps: [{ preview: () => client.rollback(n, true), commit: () => client.rollback(n) }] });
  }

  return (
    <>
      <PageHeader title="Revisions">Every committed change of the DFW configuration, newest first. Pick two to see what
        changed between them; open one to see the objects it touched{canWrite ? ' or to roll back to it' : ''}.</PageHeader>
      <PageSection>
        <Toolbar><ToolbarContent>
          <ToolbarItem data-testid="compare-status">
            {range ? `Comparing revision ${range.from} → ${range.to}`
              : selected.length ? `Revision ${selected[0]} picked: pick one more to compare`
                : 'Pick two revisions to compare them'}
          </ToolbarItem>
          {!!selected.length && <ToolbarItem>
            <Button variant="link" isInline onClick={() => set('compare', '')}>Clear picks</Button></ToolbarItem>}
        </ToolbarContent></Toolbar>
        {list.error ? <ErrorAlert error={list.error} onReload={list.reload} />
          : list.loading && !list.rows.length ? <Loading what="revisions" />
            : !list.rows.length ? <Empty title="No revisions yet">
              Every import, edit of a group, policy or rule, and rollback records one.</Empty>
              : <>
                <Table aria-label="Revisions" variant="compact" data-testid="revisions-table">
                  <Thead><Tr><Th screenReaderText="Expand" /><Th screenReaderText="Pick to compare" /><Th>Revision</Th>
                    <Th>Time</Th><Th>User</Th><Th>Request</Th><Th>Objects</Th></Tr></Thead>
                  {list.rows.map((r, i) => {
                    const n = r.revision_number;
                    const isOpen = open === n;
                    return (
                      <Tbody key={n} isExpanded={isOpen}>
                        <Tr data-testid={`revision-row-${n}`}>
                          <Td expand={{ rowIndex: i, isExpanded: isOpen, expandId: `rev-${n}`,
                            onToggle: () => set('rev', isOpen ? '' : String(n)) }} />
                          <Td select={{ rowIndex: i, isSelected: selected.includes(n),
                            onSelect: () => set('compare', (old) => selectionParam(toggleSelection(parseSelection(old), n))) }}
                          aria-label={`Pick revision ${n} to compare`} />
                          <Td dataLabel="Revision">{n}</Td>
                          <Td dataLabel="Time">{time(r.time)}</Td>
                          <Td dataLabel="User">{r.user}</Td>
                          <Td dataLabel="Request" className="bw-mono">{r.request}</Td>
                          <Td dataLabel="Objects">{r.object_count}</Td>
                        </Tr>
                        {isOpen && <Tr isExpanded><Td colSpan={7}><ExpandableRowContent>
                          <RevisionDetail n={n} previous={previousOf(numbers, n)} current={n === numbers[0]}
                            canWrite={canWrite} onCompare={(pair) => set('compare', selectionParam(pair))}
                            onRollback={() => startRollback(n)} />
                        </ExpandableRowContent></Td></Tr>}
                      </Tbody>
                    );
                  })}
                </Table>
                {list.total !== undefined && list.rows.length < list.total && (
                  <Button variant="secondary" onClick={list.loadMore} isLoading={list.loading} isDisabled={list.loading}>
                    Load older revisions ({list.rows.length} of {list.total} shown)</Button>
                )}
              </>}
        {range && <RevisionDiffView from={range.from} to={range.to} cluster={params.get('cluster') ?? undefined} />}
      </PageSection>
      {rollback && <ImpactDialog title={`Roll back to revision ${rollback.n}`} saveLabel="Roll back" steps={rollback.steps}
        onClose={(saved) => { setRollback(null); if (saved) list.reload(); }} />}
    </>
  );
}

function RevisionDetail({ n, previous, current, canWrite, onCompare, onRollback }: {
  n: number; previous?: number; current: boolean; canWrite: boolean; onCompare(pair: number[]): void; onRollback(): void;
}) {
  const { client } = useSession();
  const revision = useAsync(() => client.revision(n), [client, n]);
  if (revision.error) return <ErrorAlert error={revision.error} onReload={revision.reload} />;
  if (!revision.data) return <Loading what={`revision ${n}`} />;
  const r = revision.data;
  return (
    <div data-testid={`revision-detail-${n}`}>
      <Title headingLevel="h2" size="md">Revision {n}: {r.request}</Title>
      <p>By {r.user} at {time(r.time)}; {r.objects.length} {r.objects.length === 1 ? 'object' : 'objects'} touched.</p>
      {r.objects.length ? (
        <Table aria-label={`Objects of revision ${n}`} variant="compact">
          <Thead><Tr><Th>Change</Th><Th>Object</Th><Th>Type</Th></Tr></Thead>
          <Tbody>{r.objects.map((o) => (
            <Tr key={o.path}>
              <Td dataLabel="Change"><Label isCompact color={CHANGE_COLOR[o.change] ?? 'grey'}>{o.change}</Label></Td>
              <Td dataLabel="Object" className="bw-mono">{o.path}</Td>
              <Td dataLabel="Type">{o.resource_type}</Td>
            </Tr>))}</Tbody>
        </Table>
      ) : <p>No objects.</p>}
      <div className="bw-gap" style={{ marginTop: '0.75rem' }}>
        {previous !== undefined && <Button variant="secondary" onClick={() => onCompare([previous, n])}>
          Compare with revision {previous}</Button>}
        {canWrite && (current
          ? <span>This is the configuration in force.</span>
          : <Button variant="danger" onClick={onRollback}>Roll back to this revision</Button>)}
      </div>
    </div>
  );
}

function RevisionDiffView({ from, to, cluster }: { from: number; to: number; cluster?: string }) {
  const { client } = useSession();
  const diff = useAsync(() => client.revisionDiff(to, from, cluster), [client, from, to, cluster]);
  return (
    <section data-testid="revision-diff" style={{ marginTop: '1.5rem' }}>
      <Title headingLevel="h2" size="lg">From revision {from} to revision {to}{cluster ? ` on ${cluster}` : ''}</Title>
      {diff.error ? <ErrorAlert error={diff.error} onReload={diff.reload} />
        : !diff.data || diff.loading ? <Loading what={`the diff of revisions ${from} and ${to}`} />
          : <ImpactPanel impact={diff.data} heading="h3" />}
    </section>
  );
}
