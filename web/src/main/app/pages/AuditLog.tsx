import { PageSection, SearchInput, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../api/types';
import { PageHeader, time } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { usePaged } from '../components/usePaged';
import { VirtualTable } from '../components/VirtualTable';
import { useSession } from '../session';

export function matchesAudit(e: AuditEntry, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return !f || [e.actor, e.action, e.target, e.detail].some((v) => v.toLowerCase().includes(f));
}

export default function AuditLog() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = params.get('q') ?? '';
  const log = usePaged<AuditEntry>((cursor) => client.auditLog({ cursor, page_size: 500 }), [client]);
  const rows = log.rows.filter((e) => matchesAudit(e, filter));
  return (
    <>
      <PageHeader title="Audit log">Who changed what, and when; newest first.</PageHeader>
      <PageSection>
        <Toolbar><ToolbarContent><ToolbarItem>
          <SearchInput aria-label="Filter audit log" placeholder="Filter by user, action, object, detail"
            value={filter} onChange={(_e, v) => setParams(v ? { q: v } : {}, { replace: true })}
            onClear={() => setParams({})} />
        </ToolbarItem></ToolbarContent></Toolbar>
        {log.error ? <ErrorAlert error={log.error} onReload={log.reload} />
          : log.loading && !log.rows.length ? <Loading what="audit log" />
            : !rows.length ? <Empty title={log.rows.length ? 'No entry matches the filter' : 'No changes recorded yet'} />
              : <VirtualTable label="Audit log" rows={rows} rowKey={(e) => String(e.id)} height={560}
                total={filter ? undefined : log.total} loadMore={log.loadMore} testId="audit-table" columns={[
                  { title: 'Time', cell: (e) => time(e.time), width: '13rem' },
                  { title: 'User', cell: (e) => e.actor, width: '8rem' },
                  { title: 'Action', cell: (e) => e.action, width: '10rem' },
                  { title: 'Object', cell: (e) => <span className="bw-mono">{e.target}</span> },
                  { title: 'Detail', cell: (e) => <span className="bw-mono">{e.detail}</span> },
                ]} />}
      </PageSection>
    </>
  );
}
