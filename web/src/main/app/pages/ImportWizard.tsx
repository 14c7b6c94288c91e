import {
  Alert, Button, Checkbox, ExpandableSection, FormGroup, FormSelect, FormSelectOption, Label, PageSection, Radio,
  TextInput, Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ImportResponse, NetworkPolicy } from '../api/types';
import { ImpactPanel } from '../components/ImpactPreview';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { emptySelection, partialNamespaces, selectedUids, sequenceProblem, type Selection } from '../logic/importSelection';
import { useSession } from '../session';

type Step = 'select' | 'preview' | 'done';

export default function ImportWizard() {
  const { client, canWrite } = useSession();
  const clusters = useAsync(() => client.clusters(), [client]);
  const [cluster, setCluster] = useState('');
  const chosenCluster = cluster || clusters.data?.[0]?.name || '';
  const policies = useAsync(() => chosenCluster ? client.allNetworkPolicies(chosenCluster) : Promise.resolve([]),
    [client, chosenCluster]);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [onError, setOnError] = useState<'ABORT' | 'CONTINUE'>('ABORT');
  const [upper, setUpper] = useState('');
  const [lower, setLower] = useState('');
  const [step, setStep] = useState<Step>('select');
  const [preview, setPreview] = useState<ImportResponse>();
  const [outcome, setOutcome] = useState<ImportResponse>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const all = policies.data ?? [];
  const byNamespace = useMemo(() => {
    const m = new Map<string, NetworkPolicy[]>();
    for (const np of all) m.set(np.namespace ?? '', [...(m.get(np.namespace ?? '') ?? []), np]);
    return [...m].sort(([a], [b]) => a.localeCompare(b));
  }, [all]);
  const uids = selectedUids(all, selection);
  const partial = partialNamespaces(all, selection);
  const seqProblem = sequenceProblem(upper, lower);
  const nameOf = (uid: string) => {
    const np = all.find((p) => p.uid === uid);
    return np ? `${np.namespace}/${np.name}` : uid;
  };

  function toggle(kind: 'namespaces' | 'policies', key: string, on: boolean) {
    setSelection((s) => {
      const next = { namespaces: new Set(s.namespaces), policies: new Set(s.policies) };
      if (on) next[kind].add(key); else next[kind].delete(key);
      return next;
    });
  }

  async function run(dryRun: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      const seq = upper && lower ? [Number(upper), Number(lower)] : [undefined, undefined];
      const res = await client.importPolicies(uids, onError, dryRun, seq[0], seq[1]);
      if (dryRun) {
        setPreview(res);
        setStep('preview');
      } else {
        setOutcome(res);
        setStep('done');
        policies.reload();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!canWrite) {
    return (<><PageHeader title="Import NetworkPolicies" /><PageSection>
      <Alert variant="info" isInline title="Your role may not import">Importing needs the Enterprise Admin or
        Security Admin role; the Inventory screen shows the NetworkPolicies read-only.</Alert></PageSection></>);
  }
  return (
    <>
      <PageHeader title="Import NetworkPolicies">Pick a cluster's NetworkPolicies, preview the DFW policies and groups
        they become, then import.</PageHeader>
      <PageSection>
        <ol className="bw-gap" aria-label="Steps" style={{ listStyle: 'none', padding: 0 }}>
          {(['select', 'preview', 'done'] as Step[]).map((s, i) => (
            <li key={s}><Label color={s === step ? 'blue' : 'grey'}>{i + 1}. {s === 'select' ? 'Choose' : s === 'preview'
              ? 'Preview' : 'Outcome'}</Label></li>))}
        </ol>
        {error !== undefined && <ErrorAlert error={error} />}
        {step === 'select' && (
          <>
            <FormGroup label="Cluster" fieldId="import-cluster">
              <FormSelect id="import-cluster" value={chosenCluster} onChange={(_e, v) => {
                setCluster(v);
                setSelection(emptySelection());
              }}>
                {(clusters.data ?? []).map((c) => <FormSelectOption key={c.name} value={c.name} label={c.name} />)}
              </FormSelect>
            </FormGroup>
            <Title headingLevel="h2" size="lg" style={{ marginTop: '1rem' }}>NetworkPolicies</Title>
            <p>Importing a whole namespace is recommended: a namespace imported in part may change traffic until the
              rest follows.</p>
            {clusters.error ? <ErrorAlert error={clusters.error} onReload={clusters.reload} />
              : policies.error ? <ErrorAlert error={policies.error} onReload={policies.reload} />
                : policies.loading || clusters.loading ? <Loading what="NetworkPolicies" />
                  : !byNamespace.length ? <Empty title="No NetworkPolicies in this cluster" />
                    : byNamespace.map(([ns, nps]) => {
                      const open = nps.filter((n) => !n.imported);
                      return (
                        <div key={ns} style={{ margin: '0.5rem 0' }}>
                          <Checkbox id={`ns-${ns}`} label={<strong>Whole namespace {ns} ({open.length} to import, {nps.length}
                            {' '}in all) — recommended</strong>} isChecked={selection.namespaces.has(ns)}
                          isDisabled={!open.length} onChange={(_e, on) => toggle('namespaces', ns, on)} />
                          <ExpandableSection toggleText={`Pick single NetworkPolicies of ${ns}`}>
                            {nps.map((np) => (
                              <Checkbox key={np.uid} id={`np-${np.uid}`} label={<>{np.name} {np.imported
                                && <Label isCompact color="green">imported</Label>}</>}
                              isDisabled={np.imported || selection.namespaces.has(ns)}
                              isChecked={selection.namespaces.has(ns) || selection.policies.has(np.uid)}
                              onChange={(_e, on) => toggle('policies', np.uid, on)} />))}
                          </ExpandableSection>
                        </div>
                      );
                    })}
            <Title headingLevel="h2" size="lg" style={{ marginTop: '1rem' }}>Options</Title>
            <FormGroup role="radiogroup" label="On error" fieldId="on-error" isInline>
              <Radio id="on-error-abort" name="on-error" label="ABORT: any error and nothing is imported"
                isChecked={onError === 'ABORT'} onChange={() => setOnError('ABORT')} />
              <Radio id="on-error-continue" name="on-error" label="CONTINUE: import the ones that convert"
                isChecked={onError === 'CONTINUE'} onChange={() => setOnError('CONTINUE')} />
            </FormGroup>
            <div className="bw-gap" style={{ marginTop: '0.5rem' }}>
              <FormGroup label="Sequence number of the allow policies (upper)" fieldId="seq-upper">
                <TextInput id="seq-upper" value={upper} onChange={(_e, v) => setUpper(v)} placeholder="after the last" />
              </FormGroup>
              <FormGroup label="Sequence number of the drop policies (lower)" fieldId="seq-lower">
                <TextInput id="seq-lower" value={lower} onChange={(_e, v) => setLower(v)} placeholder="right after each allow" />
              </FormGroup>
            </div>
            {seqProblem && <Alert variant="warning" isInline isPlain title={seqProblem} />}
            {partial.length > 0 && <Alert variant="warning" isInline title="Namespaces picked in part"
              style={{ marginTop: '0.5rem' }}>{partial.join(', ')}: their traffic may change until the rest is
              imported.</Alert>}
            <div className="bw-gap" style={{ marginTop: '1rem' }}>
              <Button onClick={() => run(true)} isDisabled={!uids.length || !!seqProblem || busy} isLoading={busy}>
                Preview {uids.length} NetworkPolicies</Button>
            </div>
          </>
        )}
        {step === 'preview' && preview && (
          <>
            <Outcome response={preview} nameOf={nameOf} />
            <div className="bw-gap" style={{ marginTop: '1rem' }}>
              <Button variant="secondary" onClick={() => setStep('select')}>Back</Button>
              <Button onClick={() => run(false)} isDisabled={busy} isLoading={busy}>Import {uids.length}
                {' '}NetworkPolicies ({onError})</Button>
            </div>
          </>
        )}
        {step === 'done' && outcome && (
          <>
            <Outcome response={outcome} nameOf={nameOf} />
            <div className="bw-gap" style={{ marginTop: '1rem' }}>
              <Link to={`/firewall?cluster=${encodeURIComponent(chosenCluster)}`}>See the DFW policies</Link>
              <Button variant="secondary" onClick={() => { setSelection(emptySelection()); setStep('select'); }}>
                Import more</Button>
            </div>
          </>
        )}
      </PageSection>
    </>
  );
}

function Outcome({ response, nameOf }: { response: ImportResponse; nameOf(uid: string): string }) {
  const ok = response.errors.length === 0;
  const preview = (response as ImportResponse & { preview?: Preview }).preview;
  return (
    <div data-testid={response.dry_run ? 'import-preview' : 'import-outcome'}>
      <Alert variant={ok ? 'success' : response.success_count ? 'warning' : 'danger'} isInline
        title={response.dry_run
          ? `Preview: ${response.success_count} of ${response.request_count} NetworkPolicies would be imported (nothing committed)`
          : `Imported ${response.success_count} of ${response.request_count} NetworkPolicies`} />
      {preview && <PreviewObjects preview={preview} />}
      {response.dry_run && response.connectivity && (
        <section data-testid="import-flows" style={{ marginTop: '1rem' }}>
          <Title headingLevel="h2" size="lg">Flows the import changes</Title>
          <ImpactPanel impact={{ objects: response.objects ?? [], connectivity: response.connectivity }} flowsOnly />
        </section>
      )}
      {response.errors.length > 0 && (
        <>
          <Title headingLevel="h2" size="lg" style={{ marginTop: '1rem' }}>Errors</Title>
          <Table aria-label="Import errors" variant="compact" data-testid="import-errors">
            <Thead><Tr><Th>NetworkPolicy</Th><Th>Code</Th><Th>Field path and message</Th></Tr></Thead>
            <Tbody>
              {response.errors.flatMap((e) => e.errors.map((d, i) => (
                <Tr key={`${e.network_policy_id}-${i}`}>
                  <Td dataLabel="NetworkPolicy">{nameOf(e.network_policy_id)}</Td>
                  <Td dataLabel="Code" className="bw-mono">{d.error_code}</Td>
                  <Td dataLabel="Message">{d.error_message}</Td>
                </Tr>)))}
            </Tbody>
          </Table>
        </>
      )}
      {response.warnings.length > 0 && (
        <Alert variant="warning" isInline title="Warnings (CONTINUE overlaps)" style={{ marginTop: '1rem' }}>
          <ul>{response.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </Alert>
      )}
    </div>
  );
}

export interface Preview {
  security_policies: { id: string; display_name: string; category: string; sequence_number: number; rule_count: number }[];
  groups: { id: string; display_name: string }[];
  equivalence: { cluster: string; equivalent: boolean; flows: number; difference_count: number; differences: string[] }[];
}

function PreviewObjects({ preview }: { preview: Preview }) {
  return (
    <>
      {preview.equivalence.map((e) => (
        <Alert key={e.cluster} variant={e.equivalent ? 'success' : 'danger'} isInline style={{ marginTop: '1rem' }}
          data-testid="equivalence"
          title={e.equivalent ? `Equivalent to the Kubernetes semantics on cluster ${e.cluster}'s inventory (${e.flows} flows compared)`
            : `Not equivalent on cluster ${e.cluster}: ${e.difference_count} of ${e.flows} flows differ`}>
          {e.differences.length > 0 && <ul>{e.differences.slice(0, 20).map((d) => <li key={d}>{d}</li>)}</ul>}
        </Alert>
      ))}
      <Title headingLevel="h2" size="lg" style={{ marginTop: '1rem' }}>DFW security policies</Title>
      <Table aria-label="Previewed security policies" variant="compact" data-testid="preview-policies">
        <Thead><Tr><Th>ID</Th><Th>Category</Th><Th>Sequence</Th><Th>Rules</Th></Tr></Thead>
        <Tbody>
          {preview.security_policies.map((p) => (
            <Tr key={p.id}><Td className="bw-mono">{p.id}</Td><Td>{p.category}</Td><Td>{p.sequence_number}</Td>
              <Td>{p.rule_count}</Td></Tr>))}
        </Tbody>
      </Table>
      <Title headingLevel="h2" size="lg" style={{ marginTop: '1rem' }}>Groups</Title>
      <Table aria-label="Previewed groups" variant="compact">
        <Thead><Tr><Th>ID</Th><Th>Display name</Th></Tr></Thead>
        <Tbody>
          {preview.groups.map((g) => <Tr key={g.id}><Td className="bw-mono">{g.id}</Td><Td>{g.display_name}</Td></Tr>)}
        </Tbody>
      </Table>
    </>
  );
}
