import {
  ActionGroup, Alert, Button, Checkbox, Form, FormGroup, FormSelect, FormSelectOption, PageSection, TextInput, Title,
} from '@patternfly/react-core';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { NamespaceMatrix } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { MatrixGrid, type Verdict } from '../components/MatrixGrid';
import { className, fold } from '../logic/matrixFold';
import { useSession } from '../session';

export default function Connectivity() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const clusters = useAsync(() => client.clusters(), [client]);
  const cluster = params.get('cluster') || clusters.data?.[0]?.name || '';
  const namespaces = useAsync(() => cluster ? client.namespaces({ cluster }).then((p) => p.results.map((n) => n.name))
    : Promise.resolve([]), [client, cluster]);
  const [draft, setDraft] = useState({ port: params.get('port') ?? '', protocol: params.get('protocol') ?? 'TCP',
    target: params.get('target') ?? 'k8s', namespaces: new Set((params.get('ns') ?? '').split(',').filter(Boolean)) });
  const chosen = (params.get('ns') ?? '').split(',').filter(Boolean);
  const asked = chosen.length > 0 && params.get('port');
  const matrices = useAsync(() => asked ? Promise.all(chosen.map((ns) => client.matrix(cluster, ns, {
    port: params.get('port')!, protocol: params.get('protocol') ?? 'TCP', target: params.get('target') ?? 'k8s' })))
    : Promise.resolve([]), [client, params.toString(), cluster]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams({ cluster, ns: [...draft.namespaces].join(','), port: draft.port, protocol: draft.protocol,
      target: draft.target });
  }

  return (
    <>
      <PageHeader title="Connectivity">Who reaches whom inside a namespace on one port. Pods that behave alike fold into
        one class; click a cell for its explanation.</PageHeader>
      <PageSection>
        <Form onSubmit={submit}>
          <div className="bw-gap" style={{ alignItems: 'flex-end' }}>
            <FormGroup label="Cluster" fieldId="cx-cluster">
              <FormSelect id="cx-cluster" value={cluster} onChange={(_e, v) => setParams({ cluster: v })}>
                {(clusters.data ?? []).map((c) => <FormSelectOption key={c.name} value={c.name} label={c.name} />)}
              </FormSelect>
            </FormGroup>
            <FormGroup label="Protocol" fieldId="cx-protocol">
              <FormSelect id="cx-protocol" value={draft.protocol}
                onChange={(_e, v) => setDraft((d) => ({ ...d, protocol: v }))}>
                {['TCP', 'UDP', 'SCTP'].map((p) => <FormSelectOption key={p} value={p} label={p} />)}
              </FormSelect>
            </FormGroup>
            <FormGroup label="Port" fieldId="cx-port" isRequired>
              <TextInput id="cx-port" value={draft.port} isRequired style={{ width: '7rem' }}
                onChange={(_e, v) => setDraft((d) => ({ ...d, port: v }))} />
            </FormGroup>
            <FormGroup label="Semantics" fieldId="cx-target">
              <FormSelect id="cx-target" value={draft.target} onChange={(_e, v) => setDraft((d) => ({ ...d, target: v }))}>
                <FormSelectOption value="k8s" label="Kubernetes NetworkPolicies" />
                <FormSelectOption value="nsx" label="DFW (desired state)" />
              </FormSelect>
            </FormGroup>
          </div>
          <FormGroup label="Namespaces" fieldId="cx-ns" role="group">
            <div className="bw-gap">
              {namespaces.error ? <ErrorAlert error={namespaces.error} /> : (namespaces.data ?? []).map((ns) => (
                <Checkbox key={ns} id={`cx-ns-${ns}`} label={ns} isChecked={draft.namespaces.has(ns)}
                  onChange={(_e, on) => setDraft((d) => {
                    const next = new Set(d.namespaces);
                    if (on) next.add(ns); else next.delete(ns);
                    return { ...d, namespaces: next };
                  })} />))}
            </div>
          </FormGroup>
          <ActionGroup><Button type="submit" isDisabled={!draft.namespaces.size || !draft.port}>Show matrix</Button></ActionGroup>
        </Form>
      </PageSection>
      <PageSection>
        {!asked ? <p>Choose one or more namespaces and a port.</p>
          : matrices.error ? <ErrorAlert error={matrices.error} onReload={matrices.reload} />
            : matrices.loading || !matrices.data ? <Loading what="matrix" />
              : matrices.data.map((m) => <MatrixView key={m.namespace} matrix={m} />)}
      </PageSection>
    </>
  );
}

function MatrixView({ matrix }: { matrix: NamespaceMatrix }) {
  const navigate = useNavigate();
  const folded = useMemo(() => fold(matrix.pods, matrix.matrix), [matrix]);
  const names = useMemo(() => folded.classes.map(className), [folded]);
  function explain(from: number, to: number) {
    const a = folded.classes[from];
    const b = folded.classes[to];
    const src = matrix.pods[a.representative];
    const dst = from === to && a.indices.length > 1 ? matrix.pods[a.indices[1]] : matrix.pods[b.representative];
    navigate(`/explain?${new URLSearchParams({ cluster: matrix.cluster, from: src, to: dst, port: String(matrix.port),
      protocol: matrix.protocol, target: matrix.target })}`);
  }
  return (
    <section style={{ marginBottom: '2rem' }} data-testid={`matrix-${matrix.namespace}`}>
      <Title headingLevel="h2" size="lg">{matrix.namespace}: {matrix.pods.length} pods in {folded.classes.length} {folded.classes.length === 1 ? 'class' : 'classes'}{' '}
        ({matrix.protocol}/{matrix.port}, {matrix.target})</Title>
      {!matrix.pods.length ? <Empty title="No pods in this namespace" /> : (
        <MatrixGrid label={`Reachability in ${matrix.namespace}: rows are sources, columns destinations`} names={names}
          verdict={(i, j) => verdictOf(folded.cells[i][j])} onExplain={explain} />
      )}
      {matrix.warnings.length > 0 && <Alert isInline variant="warning" title="Warnings">
        <ul>{matrix.warnings.map((w) => <li key={w}>{w}</li>)}</ul></Alert>}
    </section>
  );
}

function verdictOf(cell: string): Verdict {
  return cell === '.' ? 'allow' : cell === '-' ? 'self' : 'block';
}
