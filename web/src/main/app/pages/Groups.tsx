import { FormSelect, FormSelectOption, Label, PageSection, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { ExpandableRowContent, Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Group } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { useAsync } from '../components/useAsync';
import { criteriaText, whereUsed } from '../logic/groups';
import { useSession } from '../session';

export default function Groups() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const data = useAsync(async () => {
    const [groups, policies, clusters] = await Promise.all([client.groups(), client.policies(), client.clusters()]);
    return { groups, policies, clusters: clusters.map((c) => c.name) };
  }, [client]);
  const q = (params.get('q') ?? '').toLowerCase();
  const [open, setOpen] = useState<string | null>(params.get('group'));
  const groups = (data.data?.groups ?? []).filter((g) => !q || `${g.id} ${g.display_name}`.toLowerCase().includes(q));
  return (
    <>
      <PageHeader title="Groups">Each group's criteria, its effective members per cluster and where it is used.</PageHeader>
      <PageSection>
        <Toolbar><ToolbarContent><ToolbarItem>
          <SearchInput aria-label="Search groups" placeholder="Search groups" value={params.get('q') ?? ''}
            onChange={(_e, v) => setParams(v ? { q: v } : {}, { replace: true })} onClear={() => setParams({})} />
        </ToolbarItem></ToolbarContent></Toolbar>
        {data.error ? <ErrorAlert error={data.error} onReload={data.reload} />
          : !data.data ? <Loading what="groups" />
            : !groups.length ? <Empty title={data.data.groups.length ? 'No group matches' : 'No groups yet'} />
              : (
                <Table aria-label="Groups" variant="compact">
                  <Thead><Tr><Th screenReaderText="Expand" /><Th>Group</Th><Th>Criteria</Th><Th>Used by</Th></Tr></Thead>
                  {groups.map((g, i) => {
                    const uses = whereUsed(g.path, data.data!.policies, data.data!.groups);
                    const isOpen = open === g.id;
                    return (
                      <Tbody key={g.id} isExpanded={isOpen}>
                        <Tr>
                          <Td expand={{ rowIndex: i, isExpanded: isOpen, expandId: `g-${i}`,
                            onToggle: () => setOpen(isOpen ? null : g.id) }} />
                          <Td dataLabel="Group"><div>{g.display_name}</div><div className="bw-mono">{g.id}</div></Td>
                          <Td dataLabel="Criteria" className="bw-mono">{criteriaText(g.expression).join(' ') || 'none'}</Td>
                          <Td dataLabel="Used by">{uses.length}</Td>
                        </Tr>
                        {isOpen && (
                          <Tr isExpanded><Td colSpan={4}><ExpandableRowContent>
                            <Members group={g} clusters={data.data!.clusters} />
                            <strong>Where used</strong>
                            {uses.length ? <ul>{uses.map((u, k) => (
                              <li key={k}><Link to={`/firewall?policy=${encodeURIComponent(u.policy)}${u.rule
                                ? `&rule=${encodeURIComponent(u.rule)}` : ''}`}>{u.policy}{u.rule ? ` / ${u.rule}` : ''}</Link>
                              {' '}({u.field})</li>))}</ul> : <p>Not referenced.</p>}
                          </ExpandableRowContent></Td></Tr>
                        )}
                      </Tbody>
                    );
                  })}
                </Table>
              )}
      </PageSection>
    </>
  );
}

function Members({ group, clusters }: { group: Group; clusters: string[] }) {
  const { client } = useSession();
  const [cluster, setCluster] = useState(clusters[0] ?? '');
  const members = useAsync(() => cluster ? client.groupMembers(group.id, cluster) : Promise.resolve(null),
    [client, group.id, cluster]);
  return (
    <div style={{ marginBottom: '1rem' }}>
      <div className="bw-gap"><strong>Effective members on</strong>
        <FormSelect aria-label="Members on cluster" value={cluster} onChange={(_e, v) => setCluster(v)}
          style={{ width: '14rem' }}>
          {clusters.map((c) => <FormSelectOption key={c} value={c} label={c} />)}
        </FormSelect>
      </div>
      {!cluster ? <p>No cluster registered.</p>
        : members.error ? <ErrorAlert error={members.error} onReload={members.reload} />
          : members.loading || !members.data ? <Loading what="members" />
            : !members.data.pods.length && !members.data.ip_addresses.length ? <p>No members on {cluster}.</p>
              : <div className="bw-labels" data-testid="group-members">
                {members.data.pods.map((p) => <Label key={p} isCompact>{p}</Label>)}
                {members.data.ip_addresses.map((ip) => <Label key={ip} isCompact color="purple">{ip}</Label>)}
              </div>}
    </div>
  );
}
