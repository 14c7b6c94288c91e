import {
  Button, FormSelect, FormSelectOption, PageSection, SearchInput, TextInput, Toolbar, ToolbarContent, ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../api/types';
import { PageHeader, time } from '../components/PageHeader';
import { Empty, ErrorAlert, Loading } from '../components/States';
import { usePaged } from '../components/usePaged';
import { VirtualTable } from '../components/VirtualTable';
import { AUDIT_ACTIONS, auditQuery, AUDIT_FILTERS, type AuditFilterKey } from '../logic/auditFilter';
import { useSession } from '../session';

const LABEL: Record<AuditFilterKey, string> = {
  actor: 'Filter by user', action: 'Filter by action', target: 'Filter by object',
  since: 'Changes since (epoch ms or ISO-8601)', until: 'Changes until (epoch ms or ISO-8601)',
};

const PLACEHOLDER: Record<AuditFilterKey, string> = {
  actor: 'User (exact)', action: '', target: 'Object path contains',
  since: 'Since (2026-12-01T09:00Z)', until: 'Until',
};

/** The audit log, filtered by the server (actor, action, object, time window) and fetched page by page. */
export default function AuditLog() {
  const { client } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = auditQuery(params);
  const key = new URLSearchParams(filter as Record<string, string>).toString();
  const log = usePaged<AuditEntry>((cursor) => client.auditLog({ ...filter, cursor, page_size: 500 }), [client, key]);
  // Free-text fields apply when the user presses Enter or leaves the field, not on every keystroke.
  const [draft, setDraft] = useState<Record<string, string>>({});
  const value = (k: AuditFilterKey) => draft[k] ?? params.get(k) ?? '';

  function apply(k: AuditFilterKey, v: string) {
    const next = new URLSearchParams(params);
    if (v.trim()) next.set(k, v.trim()); else next.delete(k);
    setDraft((d) => { const n = { ...d }; delete n[k]; return n; });
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title="Audit log">Who changed what, and when; newest first. Filters run on the server.</PageHeader>
      <PageSection>
        <Toolbar><ToolbarContent>
          {AUDIT_FILTERS.map((k) => (
            <ToolbarItem key={k}>
              {k === 'action' ? (
                <FormSelect aria-label="Filter by action" value={params.get('action') ?? ''}
                  onChange={(_e, v) => apply('action', v)}>
                  <FormSelectOption value="" label="Any action" />
                  {AUDIT_ACTIONS.map((a) => <FormSelectOption key={a} value={a} label={a} />)}
                </FormSelect>
              ) : k === 'target' ? (
                <SearchInput aria-label="Filter by object" placeholder={PLACEHOLDER[k]} value={value(k)}
                  onChange={(_e, v) => setDraft((d) => ({ ...d, [k]: v }))} onSearch={(_e, v) => apply(k, v)}
                  onBlur={() => draft[k] !== undefined && apply(k, draft[k])} onClear={() => apply(k, '')} />
              ) : (
                <TextInput aria-label={LABEL[k]} placeholder={PLACEHOLDER[k]} value={value(k)}
                  onChange={(_e, v) => setDraft((d) => ({ ...d, [k]: v }))}
                  onKeyDown={(e) => e.key === 'Enter' && apply(k, value(k))}
                  onBlur={() => draft[k] !== undefined && apply(k, draft[k])} style={{ width: k === 'actor' ? '9rem' : '14rem' }} />
              )}
            </ToolbarItem>
          ))}
          {key && <ToolbarItem><Button variant="link" onClick={() => { setDraft({}); setParams({}, { replace: true }); }}>
            Clear filters</Button></ToolbarItem>}
        </ToolbarContent></Toolbar>
        {log.error ? <ErrorAlert error={log.error} onReload={log.reload} />
          : log.loading && !log.rows.length ? <Loading what="audit log" />
            : !log.rows.length ? <Empty title={key ? 'No entry matches the filters' : 'No changes recorded yet'} />
              : <VirtualTable label="Audit log" rows={log.rows} rowKey={(e) => String(e.id)} height={560}
                total={log.total} loadMore={log.loadMore} testId="audit-table" columns={[
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
