import {
  Alert, Button, ClipboardCopy, Form, FormGroup, Label, Modal, ModalBody, ModalFooter, ModalHeader, PageSection,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import type { Client } from '../api/client';
import type { ClusterSummary, SecurityPolicy } from '../api/types';
import { AntreaHealthSection } from '../components/AntreaHealthPanel';
import { PageHeader, time } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { realizationSummary } from '../logic/policies';
import { useSession } from '../session';

interface ClusterRow {
  summary: ClusterSummary;
  cni: string;
  counts: Record<string, number>;
  realization: Record<string, number>;
}

const KINDS = ['namespaces', 'pods', 'services', 'nodes', 'networkpolicies'];

async function load(client: Client): Promise<ClusterRow[]> {
  const [clusters, fabric, policies] = await Promise.all([client.clusters(), client.containerClusters(),
    client.policies()]);
  return Promise.all(clusters.map(async (summary) => {
    const counts: Record<string, number> = {};
    for (const kind of KINDS) counts[kind] = await client.count(kind, summary.name);
    return {
      summary,
      cni: fabric.find((f) => f.external_id === summary.name)?.cni_type ?? '',
      counts,
      realization: realizationSummary(policies as SecurityPolicy[], summary.name),
    };
  }));
}

export default function Clusters() {
  const { client, isAdmin } = useSession();
  const rows = useAsync(() => load(client), [client]);
  const [registering, setRegistering] = useState(false);
  const [credential, setCredential] = useState<{ cluster: string; credential: string } | null>(null);
  const [actionError, setActionError] = useState<unknown>();

  async function rotate(name: string) {
    setActionError(undefined);
    try {
      const cp = await client.rotateCredential(name);
      setCredential({ cluster: name, credential: cp.credential ?? '' });
    } catch (e) {
      setActionError(e);
    }
  }

  return (
    <>
      <PageHeader title="Clusters">
        Every registered cluster, its adapter's health, what its inventory holds and how far its policies are realized.
      </PageHeader>
      <PageSection>
        {isAdmin && <Button onClick={() => setRegistering(true)} style={{ marginBottom: '1rem' }}>Register cluster</Button>}
        {actionError !== undefined && <ErrorAlert error={actionError} />}
        {credential && (
          <Alert variant="info" isInline title={`Credential of cluster ${credential.cluster}: shown once, store it now`}
            actionClose={<Button variant="plain" aria-label="Close" onClick={() => setCredential(null)}>×</Button>}>
            <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied" data-testid="cluster-credential">
              {credential.credential}
            </ClipboardCopy>
          </Alert>
        )}
        {rows.loading && !rows.data ? <Loading what="clusters" />
          : rows.error ? <ErrorAlert error={rows.error} onReload={rows.reload} />
            : !rows.data?.length ? <Empty title="No clusters registered">Register one, then run its adapter or
              push its inventory (<code>./breakwater inventory push</code>).</Empty>
              : (
                <Table aria-label="Clusters" variant="compact">
                  <Thead>
                    <Tr>
                      {['Cluster', 'Adapter', 'Last heartbeat', 'Last sync', 'CNI', 'Namespaces', 'Pods', 'Services', 'Nodes',
                        'NetworkPolicies', 'Realized policies'].map((h) => <Th key={h} modifier="wrap">{h}</Th>)}{isAdmin && <Th screenReaderText="Actions" />}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {rows.data.map(({ summary: c, cni, counts, realization }) => (
                      <Tr key={c.name}>
                        <Td dataLabel="Cluster"><strong>{c.name}</strong>{' '}
                          <Label color={c.synced ? 'green' : 'orange'}>{c.synced ? 'synced' : 'not synced'}</Label></Td>
                        <Td dataLabel="Adapter">{c.adapter?.version ? `v${c.adapter.version}` : 'no report'}
                          {c.adapter?.errors?.length ? <Label color="red">{c.adapter.errors.length} errors</Label> : null}
                          {c.adapter?.errors?.map((e) => <div key={e} className="bw-mono">{e}</div>)}</Td>
                        <Td dataLabel="Last heartbeat">{time(c.last_heartbeat)}</Td>
                        <Td dataLabel="Last sync">{time(c.last_sync_time)}</Td>
                        <Td dataLabel="CNI">{cni}</Td>
                        {KINDS.map((k) => <Td key={k} dataLabel={k} data-testid={`count-${c.name}-${k}`}>{counts[k]}</Td>)}
                        <Td dataLabel="Realized policies">
                          <span className="bw-gap">
                            {Object.entries(realization).map(([phase, n]) => (
                              <Label key={phase} color={phase === 'Realized' ? 'green' : phase === 'Failed' ? 'red' : 'grey'}>
                                {phase}: {n}</Label>))}
                            {!Object.keys(realization).length && 'none spanning'}
                          </span>
                        </Td>
                        {isAdmin && <Td><Button variant="secondary" size="sm" onClick={() => rotate(c.name)}>
                          Rotate credential</Button></Td>}
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
        {!!rows.data?.length && <AntreaHealthSection clusters={rows.data.map((r) => r.summary.name)} />}
      </PageSection>
      {registering && <RegisterModal client={client} onClose={(created) => {
        setRegistering(false);
        if (created) {
          setCredential(created);
          rows.reload();
        }
      }} />}
    </>
  );
}

function RegisterModal({ client, onClose }: { client: Client;
  onClose(created?: { cluster: string; credential: string }): void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  async function submit() {
    try {
      const cp = await client.registerCluster(id, name || id);
      onClose({ cluster: id, credential: cp.credential ?? '' });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Modal isOpen variant="small" onClose={() => onClose()} aria-labelledby="register-title">
      <ModalHeader title="Register cluster" labelId="register-title" />
      <ModalBody>
        {error !== undefined && <ErrorAlert error={error} />}
        <Form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <FormGroup label="Cluster id" isRequired fieldId="cluster-id">
            <TextInput id="cluster-id" value={id} onChange={(_e, v) => setId(v)} isRequired />
          </FormGroup>
          <FormGroup label="Display name" fieldId="cluster-name">
            <TextInput id="cluster-name" value={name} onChange={(_e, v) => setName(v)} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button onClick={submit} isDisabled={!id}>Register</Button>
        <Button variant="link" onClick={() => onClose()}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );
}
