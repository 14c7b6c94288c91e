import {
  Alert, Button, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem,
  PageSection, TextInput,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { startTraceflow, traceflow, type Traceflow as Tf } from '../api/operations';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { TraceflowResult } from '../components/TraceflowResult';
import { useAsync } from '../components/useAsync';
import { finished, formProblems, traceflowRequest, type TraceflowForm } from '../logic/operations';
import { useSession } from '../session';

const POLL_MS = 1000;

export default function Traceflow() {
  const { client, canWrite } = useSession();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const clusters = useAsync(() => client.clusters(), [client]);
  return (
    <>
      <PageHeader title="Traceflow">Inject one packet in a cluster (an Antrea Traceflow run by the cluster's adapter)
        and see each hop — component, action, the Antrea rule and the DFW rule it realizes — beside the verdict the
        DFW rules in force predict. A disagreement means drift or a data-plane fault.</PageHeader>
      <PageSection>
        {!canWrite ? (
          <Alert variant="info" isInline title="Your role can read traceflows but not run them">
            Running a traceflow needs the Enterprise Admin or Security Admin role; open a traceflow by its link
            (<code>/traceflow?id=…</code>) to see its result.</Alert>
        ) : clusters.error ? <ErrorAlert error={clusters.error} onReload={clusters.reload} />
          : !clusters.data ? <Loading what="clusters" />
            : !clusters.data.length ? <Empty title="No clusters registered">A traceflow runs in a registered cluster
              whose adapter runs.</Empty>
              : <TraceflowFormView clusters={clusters.data.map((c) => c.name)}
                onStarted={(tf) => setParams({ id: tf.id })} />}
      </PageSection>
      {id && <PageSection><Watch key={id} id={id} /></PageSection>}
    </>
  );
}

const EMPTY: TraceflowForm = {
  cluster: '', sourceKind: 'pod', source: '', destinationKind: 'pod', destination: '', protocol: 'TCP', port: '80',
};

function TraceflowFormView({ clusters, onStarted }: { clusters: string[]; onStarted(tf: Tf): void }) {
  const { client } = useSession();
  const [form, setForm] = useState<TraceflowForm>({ ...EMPTY, cluster: clusters[0] ?? '' });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const pods = useAsync(() => form.cluster ? client.pods({ cluster: form.cluster, page_size: 500 })
    : Promise.resolve(undefined), [client, form.cluster]);
  const services = useAsync(() => form.cluster ? client.services({ cluster: form.cluster, page_size: 500 })
    : Promise.resolve(undefined), [client, form.cluster]);
  const problems = formProblems(form);
  const change = (patch: Partial<TraceflowForm>) => setForm((f) => ({ ...f, ...patch }));

  async function run() {
    setTouched(true);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(undefined);
    try {
      onStarted(await startTraceflow(client, traceflowRequest(form)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const help = (field: keyof TraceflowForm) => touched && problems[field] ? (
    <FormHelperText><HelperText><HelperTextItem variant="error">{problems[field]}</HelperTextItem></HelperText>
    </FormHelperText>) : null;
  const podNames = (pods.data?.results ?? []).map((p) => `${p.namespace}/${p.name}`);
  const serviceNames = (services.data?.results ?? []).map((s) => `${s.namespace}/${s.name}`);

  return (
    <Form onSubmit={(e) => { e.preventDefault(); run(); }} aria-label="Run a traceflow" style={{ maxWidth: '48rem' }}>
      {error !== undefined && <ErrorAlert error={error} />}
      <FormGroup label="Cluster" fieldId="tf-cluster" isRequired>
        <FormSelect id="tf-cluster" value={form.cluster} onChange={(_e, v) => change({ cluster: v })}>
          {clusters.map((c) => <FormSelectOption key={c} value={c} label={c} />)}
        </FormSelect>
      </FormGroup>
      <div className="bw-gap">
        <FormGroup label="Source kind" fieldId="tf-source-kind">
          <FormSelect id="tf-source-kind" value={form.sourceKind}
            onChange={(_e, v) => change({ sourceKind: v as TraceflowForm['sourceKind'] })}>
            <FormSelectOption value="pod" label="Pod" />
            <FormSelectOption value="ip" label="IP address" />
          </FormSelect>
        </FormGroup>
        <FormGroup label={form.sourceKind === 'pod' ? 'Source pod (namespace/name)' : 'Source IP'} fieldId="tf-source"
          isRequired style={{ flex: 1 }}>
          <TextInput id="tf-source" value={form.source} onChange={(_e, v) => change({ source: v })}
            list={form.sourceKind === 'pod' ? 'tf-pods' : undefined}
            validated={touched && problems.source ? 'error' : 'default'} />
          {help('source')}
        </FormGroup>
      </div>
      <div className="bw-gap">
        <FormGroup label="Destination kind" fieldId="tf-destination-kind">
          <FormSelect id="tf-destination-kind" value={form.destinationKind}
            onChange={(_e, v) => change({ destinationKind: v as TraceflowForm['destinationKind'] })}>
            <FormSelectOption value="pod" label="Pod" />
            <FormSelectOption value="service" label="Service" />
            <FormSelectOption value="ip" label="IP address" />
          </FormSelect>
        </FormGroup>
        <FormGroup label={form.destinationKind === 'ip' ? 'Destination IP'
          : `Destination ${form.destinationKind} (namespace/name)`} fieldId="tf-destination" isRequired style={{ flex: 1 }}>
          <TextInput id="tf-destination" value={form.destination} onChange={(_e, v) => change({ destination: v })}
            list={form.destinationKind === 'pod' ? 'tf-pods' : form.destinationKind === 'service' ? 'tf-services' : undefined}
            validated={touched && problems.destination ? 'error' : 'default'} />
          {help('destination')}
        </FormGroup>
      </div>
      <div className="bw-gap">
        <FormGroup label="Protocol" fieldId="tf-protocol">
          <FormSelect id="tf-protocol" value={form.protocol}
            onChange={(_e, v) => change({ protocol: v as TraceflowForm['protocol'] })}>
            {['TCP', 'UDP', 'SCTP'].map((p) => <FormSelectOption key={p} value={p} label={p} />)}
          </FormSelect>
        </FormGroup>
        <FormGroup label="Destination port" fieldId="tf-port" isRequired>
          <TextInput id="tf-port" value={form.port} onChange={(_e, v) => change({ port: v })}
            validated={touched && problems.port ? 'error' : 'default'} />
          {help('port')}
        </FormGroup>
      </div>
      <datalist id="tf-pods">{podNames.map((p) => <option key={p} value={p} />)}</datalist>
      <datalist id="tf-services">{serviceNames.map((s) => <option key={s} value={s} />)}</datalist>
      <div><Button type="submit" isLoading={busy} isDisabled={busy}>Run traceflow</Button></div>
    </Form>
  );
}

/** Polls a traceflow until the adapter reported (or the request failed) and shows it. */
function Watch({ id }: { id: string }) {
  const { client } = useSession();
  const [tf, setTf] = useState<Tf>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const t = await traceflow(client, id);
        if (!live) return;
        setTf(t);
        setError(undefined);
        if (!finished(t)) timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (live) setError(e);
      }
    };
    poll();
    return () => { live = false; if (timer) clearTimeout(timer); };
  }, [client, id]);
  if (error !== undefined) return <ErrorAlert error={error} />;
  if (!tf) return <Loading what={`traceflow ${id}`} />;
  return (
    <>
      {!finished(tf) && <Loading what="the observation (the adapter polls every 2 s; Antrea answers within 30 s)" />}
      <TraceflowResult tf={tf} />
    </>
  );
}
