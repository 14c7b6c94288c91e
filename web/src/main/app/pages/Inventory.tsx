import {
  Button, FormSelect, FormSelectOption, Label, Modal, ModalBody, ModalHeader, PageSection, Tab, Tabs, TabTitleText,
  TextInput, Toolbar, ToolbarContent, ToolbarItem,
} from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Namespace, NetworkPolicy, Pod, Service } from '../api/types';
import { ingresses as listIngresses } from '../api/operations';
import { IngressTable } from '../components/IngressTable';
import { Labels } from '../components/Labels';
import { ObjectView } from '../components/ObjectView';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { usePaged } from '../components/usePaged';
import { VirtualTable } from '../components/VirtualTable';
import { useSession } from '../session';

const PAGE = 200;

export default function Inventory() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const cluster = params.get('cluster') ?? '';
  const cni = params.get('cni') ?? '';
  const label = params.get('label') ?? '';
  const [labelDraft, setLabelDraft] = useState(label);
  const fabric = useAsync(() => client.containerClusters(), [client]);
  const clusters = fabric.data ?? [];
  const cniTypes = [...new Set(clusters.map((c) => c.cni_type))].sort();
  // A CNI filter narrows to the clusters of that CNI; with one cluster chosen the server filters by it.
  const cniClusters = cni ? clusters.filter((c) => c.cni_type === cni).map((c) => c.external_id) : [];
  const namespaces = usePaged<Namespace>((cursor) => client.namespaces({ cluster, label, cursor, page_size: PAGE }),
    [client, cluster, label]);
  const rows = useMemo(() => namespaces.rows.filter((n) => !cni || cniClusters.includes(n.cluster)),
    [namespaces.rows, cni, cniClusters.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const [expanded, setExpanded] = useState<string | null>(params.get('open'));

  function set(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title="Inventory">Namespaces of every cluster; expand one for its pods, services and
        NetworkPolicies.</PageHeader>
      <PageSection>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect aria-label="Cluster" value={cluster} onChange={(_e, v) => set('cluster', v)}>
                <FormSelectOption value="" label="All clusters" />
                {clusters.map((c) => <FormSelectOption key={c.external_id} value={c.external_id} label={c.external_id} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <FormSelect aria-label="CNI type" value={cni} onChange={(_e, v) => set('cni', v)}>
                <FormSelectOption value="" label="Any CNI" />
                {cniTypes.map((t) => <FormSelectOption key={t} value={t} label={t} />)}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <form onSubmit={(e) => { e.preventDefault(); set('label', labelDraft.trim()); }} className="bw-gap">
                <TextInput aria-label="Label selector" placeholder="label: key or key=value" value={labelDraft}
                  onChange={(_e, v) => setLabelDraft(v)} />
                <Button type="submit" variant="secondary">Filter</Button>
              </form>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {namespaces.error ? <ErrorAlert error={namespaces.error} onReload={namespaces.reload} />
          : namespaces.loading && !rows.length ? <Loading what="namespaces" />
            : !rows.length ? <Empty title="No namespaces match">Change the filters, or push a cluster's inventory.</Empty>
              : (
                <Table aria-label="Namespaces" variant="compact" data-testid="namespaces">
                  <Thead>
                    <Tr><Th screenReaderText="Expand" /><Th>Cluster</Th><Th>Namespace</Th><Th>Labels</Th>
                      <Th>NetworkPolicies</Th></Tr>
                  </Thead>
                  {rows.map((n, i) => {
                    const key = `${n.cluster}/${n.name}`;
                    const open = expanded === key;
                    return (
                      <Tbody key={key} isExpanded={open}>
                        <Tr data-testid={`ns-${key}`}>
                          <Td expand={{ rowIndex: i, isExpanded: open, onToggle: () => setExpanded(open ? null : key),
                            expandId: `ns-${i}` }} />
                          <Td dataLabel="Cluster">{n.cluster}</Td>
                          <Td dataLabel="Namespace">{n.name}</Td>
                          <Td dataLabel="Labels"><Labels labels={n.labels} /></Td>
                          <Td dataLabel="NetworkPolicies" data-testid="np-count">{n.network_policy_count}</Td>
                        </Tr>
                        {open && (
                          <Tr isExpanded>
                            <Td colSpan={5}><ExpandableRowContent>
                              <NamespaceDetail cluster={n.cluster} namespace={n.name} />
                            </ExpandableRowContent></Td>
                          </Tr>
                        )}
                      </Tbody>
                    );
                  })}
                </Table>
              )}
        {namespaces.total !== undefined && namespaces.rows.length < namespaces.total && (
          <Button variant="link" onClick={namespaces.loadMore}>
            Load more ({namespaces.rows.length} of {namespaces.total})</Button>)}
      </PageSection>
    </>
  );
}

function NamespaceDetail({ cluster, namespace }: { cluster: string; namespace: string }) {
  const { client } = useSession();
  const [tab, setTab] = useState<string | number>('networkpolicies');
  const pods = usePaged<Pod>((cursor) => client.pods({ cluster, namespace, cursor, page_size: 500 }),
    [client, cluster, namespace]);
  const services = useAsync(() => client.services({ cluster, namespace }), [client, cluster, namespace]);
  const policies = useAsync(() => client.allNetworkPolicies(cluster, namespace), [client, cluster, namespace]);
  const [shown, setShown] = useState<NetworkPolicy | null>(null);
  const ingresses = useAsync(() => listIngresses(client, { cluster, namespace, page_size: 1000 }), [client, cluster, namespace]);
  return (
    <>
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k)} aria-label={`${namespace} objects`} mountOnEnter>
        <Tab eventKey="networkpolicies" title={<TabTitleText>NetworkPolicies{policies.data ? ` (${policies.data.length})`
          : ''}</TabTitleText>}>
          {policies.error ? <ErrorAlert error={policies.error} onReload={policies.reload} />
            : !policies.data ? <Loading what="NetworkPolicies" />
              : !policies.data.length ? <Empty title="No NetworkPolicies in this namespace" />
                : (
                  <Table aria-label={`NetworkPolicies of ${namespace}`} variant="compact" data-testid="np-table">
                    <Thead><Tr><Th>Name</Th><Th>Pod selector</Th><Th>Imported</Th><Th>UID</Th><Th screenReaderText="Detail" /></Tr></Thead>
                    <Tbody>
                      {policies.data.map((np) => (
                        <Tr key={np.uid}>
                          <Td dataLabel="Name">{np.name}</Td>
                          <Td dataLabel="Pod selector" className="bw-mono">{JSON.stringify(np.pod_selector)}</Td>
                          <Td dataLabel="Imported">{np.imported ? <Label color="green">imported</Label> : 'no'}</Td>
                          <Td dataLabel="UID" className="bw-mono">{np.uid}</Td>
                          <Td><Button variant="link" isInline onClick={() => setShown(np)}>YAML</Button></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
        </Tab>
        <Tab eventKey="pods" title={<TabTitleText>Pods{pods.total !== undefined ? ` (${pods.total})` : ''}</TabTitleText>}>
          {pods.error ? <ErrorAlert error={pods.error} onReload={pods.reload} />
            : pods.loading && !pods.rows.length ? <Loading what="pods" />
              : !pods.rows.length ? <Empty title="No pods in this namespace" />
                : <VirtualTable label={`Pods of ${namespace}`} rows={pods.rows} total={pods.total} loadMore={pods.loadMore}
                  rowKey={(p) => p.uid} testId="pod-table" columns={[
                    { title: 'Name', cell: (p) => p.name },
                    { title: 'Labels', cell: (p) => <Labels labels={p.labels} />, width: '35%' },
                    { title: 'IPs', cell: (p) => p.ips.join(', ') },
                    { title: 'Node', cell: (p) => p.node },
                    { title: 'Ports', cell: (p) => (p.ports ?? []).map((x) => `${x.name ? x.name + ':' : ''}`
                      + `${x.container_port ?? x.containerPort}/${x.protocol ?? 'TCP'}`).join(' ') },
                    { title: 'Phase', cell: (p) => p.phase },
                  ]} />}
        </Tab>
        <Tab eventKey="services" title={<TabTitleText>Services{services.data ? ` (${services.data.result_count})` : ''}
        </TabTitleText>}>
          {services.error ? <ErrorAlert error={services.error} onReload={services.reload} />
            : !services.data ? <Loading what="services" />
              : !services.data.results.length ? <Empty title="No services in this namespace" />
                : (
                  <Table aria-label={`Services of ${namespace}`} variant="compact">
                    <Thead><Tr><Th>Name</Th><Th>Type</Th><Th>Cluster IP</Th><Th>Selector</Th><Th>Ports</Th></Tr></Thead>
                    <Tbody>
                      {services.data.results.map((s: Service) => (
                        <Tr key={s.uid}>
                          <Td dataLabel="Name">{s.name}</Td><Td dataLabel="Type">{s.type}</Td>
                          <Td dataLabel="Cluster IP">{s.cluster_ip}</Td>
                          <Td dataLabel="Selector"><Labels labels={s.selector} /></Td>
                          <Td dataLabel="Ports">{s.ports.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(' ')}</Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
        </Tab>
        <Tab eventKey="ingresses" title={<TabTitleText>Ingresses{ingresses.data ? ` (${ingresses.data.result_count})` : ''}
        </TabTitleText>}>
          <IngressTable namespace={namespace} ingresses={ingresses} />
        </Tab>
      </Tabs>
      {shown && (
        <Modal isOpen variant="large" onClose={() => setShown(null)} aria-labelledby="np-title">
          <ModalHeader title={`NetworkPolicy ${shown.namespace}/${shown.name}`} labelId="np-title"
            description={shown.imported ? 'Imported into DFW policies' : 'Not imported'} />
          <ModalBody>
            <ObjectView label="NetworkPolicy" value={{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
              metadata: { name: shown.name, namespace: shown.namespace, uid: shown.uid, labels: shown.labels },
              spec: shown.spec }} />
          </ModalBody>
        </Modal>
      )}
    </>
  );
}
