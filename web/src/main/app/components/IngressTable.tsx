import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Ingress } from '../api/operations';
import { Labels } from './Labels';
import { Empty, ErrorAlert, Loading } from './States';
import type { Async } from './useAsync';

function backend(service?: string, port?: number | string) {
  return service ? `${service}${port !== undefined && port !== '' ? `:${port}` : ''}` : '';
}

/** A namespace's Ingresses (networking.k8s.io/v1) as the inventory holds them. */
export function IngressTable({ namespace, ingresses }: { namespace: string; ingresses: Async<{ results: Ingress[] }> }) {
  if (ingresses.error) return <ErrorAlert error={ingresses.error} onReload={ingresses.reload} />;
  if (!ingresses.data) return <Loading what="Ingresses" />;
  if (!ingresses.data.results.length) return <Empty title="No Ingresses in this namespace" />;
  return (
    <Table aria-label={`Ingresses of ${namespace}`} variant="compact" data-testid="ingress-table">
      <Thead><Tr><Th>Name</Th><Th>Class</Th><Th>Hosts</Th><Th>Rules</Th><Th>Addresses</Th><Th>TLS</Th><Th>Labels</Th></Tr></Thead>
      <Tbody>
        {ingresses.data.results.map((i) => (
          <Tr key={i.uid}>
            <Td dataLabel="Name">{i.name}</Td>
            <Td dataLabel="Class">{i.ingress_class ?? ''}</Td>
            <Td dataLabel="Hosts">{(i.hosts ?? []).join(', ') || '*'}</Td>
            <Td dataLabel="Rules" className="bw-mono">
              {(i.rules ?? []).map((r, n) => (
                <div key={n}>{r.host ?? '*'}{r.path ?? '/'} → {backend(r.service, r.service_port)}</div>))}
              {i.default_backend && <div>default → {backend(i.default_backend.service, i.default_backend.service_port)}</div>}
            </Td>
            <Td dataLabel="Addresses">{(i.addresses ?? []).join(', ')}</Td>
            <Td dataLabel="TLS">{i.tls?.length ? 'yes' : 'no'}</Td>
            <Td dataLabel="Labels"><Labels labels={i.labels} /></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
