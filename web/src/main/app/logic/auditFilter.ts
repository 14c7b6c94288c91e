/** The audit log's server-side filters (GET /api/v1/breakwater/audit-log, docs/api.md). */
export const AUDIT_FILTERS = ['actor', 'action', 'target', 'since', 'until'] as const;
export type AuditFilterKey = typeof AUDIT_FILTERS[number];

/** The actions the server records (docs/api.md "Users, tokens and the audit log"). */
export const AUDIT_ACTIONS = ['PATCH', 'PUT', 'DELETE', 'IMPORT', 'REGISTER', 'UPDATE', 'ROTATE_CREDENTIAL',
  'INVENTORY_SYNC', 'INVENTORY_CHANGES', 'ROLLBACK'];

/** The filter parameters of the page's URL, as the server takes them; absent and blank ones are left out. */
export function auditQuery(params: URLSearchParams): Partial<Record<AuditFilterKey, string>> {
  const out: Partial<Record<AuditFilterKey, string>> = {};
  for (const k of AUDIT_FILTERS) {
    const v = params.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}
