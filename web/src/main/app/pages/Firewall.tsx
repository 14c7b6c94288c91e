import {
  Button, FormGroup, FormSelect, FormSelectOption, Label, Modal, ModalBody, ModalFooter, ModalHeader, PageSection,
  SearchInput, TextInput, Title, Toolbar, ToolbarContent, ToolbarItem,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Rule, SecurityPolicy, WritePreview } from '../api/types';
import { HitCount, loadHits } from '../components/HitCount';
import { ImpactDialog, PendingImpact, type WriteStep } from '../components/ImpactPreview';
import { ObjectView } from '../components/ObjectView';
import { PageHeader } from '../components/PageHeader';
import { RuleEditor } from '../components/RuleEditor';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import {
  CATEGORIES, evaluationOrder, groupName, moveWithinCategory, policySearchQuery, rulesInOrder, services, TAG, tagChoices,
} from '../logic/policies';
import { useSession } from '../session';

const STATUS_COLOR: Record<string, 'green' | 'red' | 'orange' | 'grey'> = {
  SUCCESS: 'green', Realized: 'green', ERROR: 'red', Failed: 'red', IN_PROGRESS: 'orange', UNINITIALIZED: 'grey',
};

export function StatusBadges({ policy }: { policy: SecurityPolicy }) {
  const s = policy.status;
  if (!s) return null;
  return (
    <span className="bw-gap" data-testid={`status-${policy.id}`}>
      {s.per_cluster.length ? s.per_cluster.map((c) => (
        <Label key={c.cluster} isCompact color={STATUS_COLOR[c.phase] ?? 'orange'}
          title={c.message || undefined}>{c.cluster}: {c.phase}</Label>))
        : <Label isCompact color="grey">{s.consolidated_status}</Label>}
    </span>
  );
}

type Editing = { policy: SecurityPolicy; rule?: Rule } | null;

export default function Firewall() {
  const { client, canWrite } = useSession();
  const [params, setParams] = useSearchParams();
  const policies = useAsync(() => client.policies(), [client]);
  const hits = useAsync(() => loadHits(client), [client]);
  const all = policies.data ?? [];
  const filter = {
    cluster: params.get('cluster') ?? '', namespace: params.get('namespace') ?? '',
    networkPolicy: params.get('np') ?? '', text: params.get('q') ?? '',
  };
  // Filters run on the server (NSX's search API); the hits are shown in evaluation order like the whole list.
  const query = policySearchQuery(filter);
  const found = useAsync(() => query ? client.search<SecurityPolicy>(query) : Promise.resolve(undefined),
    [client, query, policies.data]);
  const shown = useMemo(() => evaluationOrder(query ? found.data ?? [] : all), [all, query, found.data]);
  const focusPolicy = params.get('policy');
  const focusRule = params.get('rule');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(focusPolicy ? [focusPolicy] : []));
  const [editing, setEditing] = useState<Editing>(null);
  const [viewing, setViewing] = useState<{ title: string; value: unknown } | null>(null);
  const [addingPolicy, setAddingPolicy] = useState(false);
  const [pending, setPending] = useState<{ title: string; steps: WriteStep[] } | null>(null);

  useEffect(() => {
    if (focusPolicy && policies.data) {
      document.getElementById(focusRule ? `rule-${focusPolicy}-${focusRule}` : `policy-${focusPolicy}`)
        ?.scrollIntoView({ block: 'center' });
    }
  }, [focusPolicy, focusRule, policies.data]);

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  }

  function move(id: string, delta: -1 | 1) {
    const steps = moveWithinCategory(all, id, delta).map((patch): WriteStep => {
      const body = { sequence_number: patch.sequence_number, _revision: patch._revision };
      return { preview: () => client.patchPolicy(patch.id, body, true), commit: () => client.patchPolicy(patch.id, body) };
    });
    if (steps.length) setPending({ title: `Move ${id} ${delta < 0 ? 'up' : 'down'}`, steps });
  }

  return (
    <>
      <PageHeader title="Distributed firewall">Security policies in evaluation order: category, then sequence number.
        Realization per cluster as the adapters report it.</PageHeader>
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <SearchInput aria-label="Search policies" placeholder="Search text" value={filter.text}
                onChange={(_e, v) => set('q', v)} onClear={() => set('q', '')} />
            </ToolbarItem>
            {([['cluster', TAG.cluster, 'Any cluster'], ['namespace', TAG.namespace, 'Any namespace'],
              ['np', TAG.networkPolicy, 'Any NetworkPolicy']] as const).map(([key, scope, any]) => (
              <ToolbarItem key={key}>
                <FormSelect aria-label={`Filter by tag ${scope}`} value={params.get(key) ?? ''}
                  onChange={(_e, v) => set(key, v)}>
                  <FormSelectOption value="" label={any} />
                  {tagChoices(all, scope).map((v) => <FormSelectOption key={v} value={v} label={v} />)}
                </FormSelect>
              </ToolbarItem>
            ))}
            {canWrite && <ToolbarItem><Button onClick={() => setAddingPolicy(true)}>Add policy</Button></ToolbarItem>}
            <ToolbarItem><Link to="/firewall/unused">Rules without hits</Link></ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {policies.error || found.error ? <ErrorAlert error={policies.error ?? found.error} onReload={policies.reload} />
          : (policies.loading && !policies.data) || (query && found.loading && !found.data) ? <Loading what="security policies" />
            : !shown.length ? <Empty title={all.length ? 'No policy matches the filters' : 'No security policies yet'}>
              {all.length ? 'Clear a filter.' : 'Import NetworkPolicies or add a policy.'}</Empty>
              : [...CATEGORIES, 'Other'].map((category) => {
                const inCategory = shown.filter((p) => (CATEGORIES as readonly string[]).includes(p.category)
                  ? p.category === category : category === 'Other');
                if (!inCategory.length) return null;
                return (
                  <section key={category} style={{ marginBottom: '1.5rem' }}>
                    <Title headingLevel="h2" size="lg">{category}</Title>
                    <Table aria-label={`${category} policies`} variant="compact">
                      <Thead><Tr><Th screenReaderText="Expand" /><Th>Sequence</Th><Th>Policy</Th><Th>Rules</Th>
                        <Th>Realization</Th><Th screenReaderText="Actions" /></Tr></Thead>
                      {inCategory.map((p, i) => {
                        const open = expanded.has(p.id);
                        return (
                          <Tbody key={p.id} isExpanded={open}>
                            <Tr id={`policy-${p.id}`} data-testid={`policy-row-${p.id}`}
                              isRowSelected={focusPolicy === p.id}>
                              <Td expand={{ rowIndex: i, isExpanded: open, expandId: `p-${p.id}`, onToggle: () =>
                                setExpanded((s) => { const n = new Set(s); if (open) n.delete(p.id); else n.add(p.id); return n; }) }} />
                              <Td dataLabel="Sequence">{p.sequence_number}</Td>
                              <Td dataLabel="Policy"><div className="bw-mono">{p.id}</div>
                                {p.display_name !== p.id && <div>{p.display_name}</div>}</Td>
                              <Td dataLabel="Rules">{p.rule_count ?? p.rules?.length ?? 0}</Td>
                              <Td dataLabel="Realization"><StatusBadges policy={p} /></Td>
                              <Td dataLabel="Actions">
                                <span className="bw-gap">
                                  <Button variant="link" isInline onClick={() => setViewing({ title: `Policy ${p.id}`, value: p })}>
                                    JSON/YAML</Button>
                                  {canWrite && <>
                                    <Button variant="plain" aria-label={`Move ${p.id} up`} onClick={() => move(p.id, -1)}>↑</Button>
                                    <Button variant="plain" aria-label={`Move ${p.id} down`} onClick={() => move(p.id, 1)}>↓</Button>
                                    <Button variant="secondary" size="sm" onClick={() => setEditing({ policy: p })}>Add rule</Button>
                                    <Button variant="danger" size="sm" onClick={() => setPending({ title: `Delete policy ${p.id} and its rules`,
                                      steps: [{ preview: () => client.deletePolicy(p.id, true), commit: () => client.deletePolicy(p.id) }] })}>Delete</Button>
                                  </>}
                                </span>
                              </Td>
                            </Tr>
                            {open && (
                              <Tr isExpanded>
                                <Td colSpan={6}><ExpandableRowContent>
                                  <RulesTable policy={p} hits={hits} canWrite={canWrite} focusRule={focusPolicy === p.id ? focusRule : null}
                                    onEdit={(rule) => setEditing({ policy: p, rule })}
                                    onView={(rule) => setViewing({ title: `Rule ${rule.id}`, value: rule })}
                                    onDelete={(rule) => setPending({ title: `Delete rule ${rule.id}`, steps: [{
                                      preview: () => client.deleteRule(p.id, rule.id, true),
                                      commit: () => client.deleteRule(p.id, rule.id) }] })} />
                                </ExpandableRowContent></Td>
                              </Tr>
                            )}
                          </Tbody>
                        );
                      })}
                    </Table>
                  </section>
                );
              })}
      </PageSection>
      {editing && <RuleEditor policy={editing.policy} rule={editing.rule}
        preview={{ run: (policyId, body) => client.putRule(policyId, body, true),
          render: (p: WritePreview) => <PendingImpact preview={p} /> }}
        onClose={(saved) => { setEditing(null); if (saved) policies.reload(); }} />}
      {pending && <ImpactDialog title={pending.title} steps={pending.steps}
        onClose={(saved) => { setPending(null); if (saved) policies.reload(); }} />}
      {addingPolicy && <PolicyCreator onClose={(saved) => { setAddingPolicy(false); if (saved) policies.reload(); }} />}
      {viewing && (
        <Modal isOpen variant="large" onClose={() => setViewing(null)} aria-labelledby="view-title">
          <ModalHeader title={viewing.title} labelId="view-title" />
          <ModalBody><ObjectView label={viewing.title} value={viewing.value} /></ModalBody>
        </Modal>
      )}
    </>
  );
}

function RulesTable({ policy, hits, canWrite, focusRule, onEdit, onView, onDelete }: {
  policy: SecurityPolicy; hits: Parameters<typeof HitCount>[0]['hits']; canWrite: boolean; focusRule: string | null; onEdit(r: Rule): void; onView(r: Rule): void;
  onDelete(r: Rule): void;
}) {
  const rules = rulesInOrder(policy.rules ?? []);
  if (!rules.length) return <Empty title="No rules in this policy" />;
  return (
    <Table aria-label={`Rules of ${policy.id}`} variant="compact" data-testid={`rules-${policy.id}`}>
      <Thead><Tr><Th>Seq</Th><Th>Rule</Th><Th>Sources</Th><Th>Destinations</Th><Th>Services</Th><Th>Applied to</Th>
        <Th>Action</Th><Th>Direction</Th><Th>Hits</Th><Th screenReaderText="Actions" /></Tr></Thead>
      <Tbody>
        {rules.map((r) => (
          <Tr key={r.id} id={`rule-${policy.id}-${r.id}`} isRowSelected={focusRule === r.id || focusRule === `rules/${r.id}`}
            data-testid={`rule-row-${r.id}`}>
            <Td dataLabel="Seq">{r.sequence_number}</Td>
            <Td dataLabel="Rule">{r.display_name ?? r.id}{r.disabled && <Label isCompact>disabled</Label>}</Td>
            <Td dataLabel="Sources" className="bw-mono">{r.source_groups.map(groupName).join(', ') || 'ANY'}</Td>
            <Td dataLabel="Destinations" className="bw-mono">{r.destination_groups.map(groupName).join(', ') || 'ANY'}</Td>
            <Td dataLabel="Services" className="bw-mono">{services(r)}</Td>
            <Td dataLabel="Applied to" className="bw-mono">{r.scope.map(groupName).join(', ') || 'ANY'}</Td>
            <Td dataLabel="Action"><Label isCompact color={r.action === 'ALLOW' ? 'green' : 'red'}>{r.action}</Label></Td>
            <Td dataLabel="Direction">{r.direction}</Td>
            <Td dataLabel="Hits"><HitCount hits={hits} policyId={policy.id} ruleId={r.id} /></Td>
            <Td dataLabel="Actions"><span className="bw-gap">
              <Button variant="link" isInline onClick={() => onView(r)}>JSON/YAML</Button>
              {canWrite && <>
                <Button variant="secondary" size="sm" onClick={() => onEdit(r)}>Edit</Button>
                <Button variant="danger" size="sm" onClick={() => onDelete(r)}>Delete</Button>
              </>}
            </span></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function PolicyCreator({ onClose }: { onClose(saved: boolean): void }) {
  const { client } = useSession();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [category, setCategory] = useState('Application');
  const [seq, setSeq] = useState('0');
  const [error, setError] = useState<unknown>();
  const [impact, setImpact] = useState<WritePreview>();
  async function save(preview: boolean) {
    try {
      const body = { display_name: name || id, category, sequence_number: Number(seq) };
      if (preview) {
        setImpact(await client.patchPolicy(id, body, true));
      } else {
        await client.patchPolicy(id, body);
        onClose(true);
      }
    } catch (e) {
      setError(e);
    }
  }
  const edit = <T,>(set: (v: T) => void) => (v: T) => { setImpact(undefined); set(v); };
  return (
    <Modal isOpen variant={impact ? 'large' : 'small'} onClose={() => onClose(false)} aria-labelledby="policy-title">
      <ModalHeader title="Add security policy" labelId="policy-title" />
      <ModalBody>
        {error !== undefined && <ErrorAlert error={error} />}
        <FormGroup label="Policy id" fieldId="policy-id" isRequired>
          <TextInput id="policy-id" value={id} onChange={(_e, v) => edit(setId)(v)} />
        </FormGroup>
        <FormGroup label="Display name" fieldId="policy-name">
          <TextInput id="policy-name" value={name} onChange={(_e, v) => edit(setName)(v)} />
        </FormGroup>
        <FormGroup label="Category" fieldId="policy-category">
          <FormSelect id="policy-category" value={category} onChange={(_e, v) => edit(setCategory)(v)}>
            {CATEGORIES.map((c) => <FormSelectOption key={c} value={c} label={c} />)}
          </FormSelect>
        </FormGroup>
        <FormGroup label="Sequence number" fieldId="policy-seq">
          <TextInput id="policy-seq" value={seq} onChange={(_e, v) => edit(setSeq)(v)} />
        </FormGroup>
        {impact && <PendingImpact preview={impact} />}
      </ModalBody>
      <ModalFooter>
        {impact ? <Button onClick={() => save(false)}>Create</Button>
          : <Button onClick={() => save(true)} isDisabled={!id}>Preview impact</Button>}
        <Button variant="link" onClick={() => onClose(false)}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );
}
