import type {
  ApiErrorBody, AuditEntry, ClusterSummary, ContainerCluster, ControlPlane, Explanation, Group, ImportResponse,
  ListPage, Namespace, NamespaceMatrix, NetworkPolicy, Pod, Revision, RevisionDiff, RevisionSummary, Rule,
  SecurityPolicy, Service, UserInfo, WritePreview,
} from './types';

/** A refused or failed call, with the server's NSX ApiError body when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody, readonly method: string, readonly path: string) {
    super(body.error_message ?? `${method} ${path}: HTTP ${status}`);
  }
  get forbidden() { return this.status === 403; }
  get conflict() { return this.status === 412; }
  get unauthenticated() { return this.status === 401; }
}

const DOMAIN = '/policy/api/v1/infra/domains/default';
const CONTROL_PLANES = '/policy/api/v1/infra/sites/default/enforcement-points/default/cluster-control-planes';
const BW = '/api/v1/breakwater';

export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

type Fetch = typeof fetch;

/** The typed client of the management API; every call carries the session's bearer token. */
export class Client {
  constructor(private readonly token: string | null, private readonly fetchFn: Fetch = fetch.bind(globalThis)) {}

  static async signIn(user: string, password: string, fetchFn: Fetch = fetch.bind(globalThis)):
      Promise<{ token: string; user_name: string }> {
    const basic = btoa(unescape(encodeURIComponent(`${user}:${password}`)));
    const res = await fetchFn(`${BW}/tokens`, { method: 'POST', headers: { Authorization: `Basic ${basic}` } });
    if (!res.ok) throw new ApiError(res.status, await errorBody(res), 'POST', `${BW}/tokens`);
    return res.json();
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.fetchFn(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new ApiError(res.status, await errorBody(res), method, path);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, query?: Query) { return this.request<T>('GET', withQuery(path, query)); }

  /** Every page of a list, following `cursor` (for lists the console shows whole: policies, groups, clusters). */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.get<ListPage<T>>(path, { ...query, cursor });
      out.push(...page.results);
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  userInfo() { return this.get<UserInfo>('/policy/api/v1/aaa/user-info'); }

  clusters() { return this.all<ClusterSummary>(`${BW}/clusters`); }
  containerClusters() { return this.all<ContainerCluster>('/api/v1/fabric/container-clusters'); }
  registerCluster(id: string, displayName: string) {
    return this.request<ControlPlane>('PUT', `${CONTROL_PLANES}/${encodeURIComponent(id)}`, { display_name: displayName });
  }
  rotateCredential(id: string) {
    return this.request<ControlPlane>('PUT', withQuery(`${CONTROL_PLANES}/${encodeURIComponent(id)}`,
      { rotate_credential: true }), {});
  }
  /** How many objects of a kind a cluster holds: `result_count` of a one-row page. */
  async count(resource: string, cluster: string, namespace?: string) {
    const page = await this.get<ListPage<unknown>>(`${BW}/inventory/${resource}`, { cluster, namespace, page_size: 1 });
    return page.result_count;
  }

  inventoryPage<T>(resource: 'namespaces' | 'pods' | 'services' | 'networkpolicies', query: Query) {
    return this.get<ListPage<T>>(`${BW}/inventory/${resource}`, query);
  }
  namespaces(query: Query) { return this.inventoryPage<Namespace>('namespaces', query); }
  pods(query: Query) { return this.inventoryPage<Pod>('pods', query); }
  services(query: Query) { return this.inventoryPage<Service>('services', query); }
  networkPolicies(query: Query) { return this.inventoryPage<NetworkPolicy>('networkpolicies', query); }
  allNetworkPolicies(cluster: string, namespace?: string) {
    return this.all<NetworkPolicy>(`${BW}/inventory/networkpolicies`, { cluster, namespace });
  }

  importPolicies(ids: string[], onError: 'ABORT' | 'CONTINUE', dryRun: boolean, upper?: number, lower?: number) {
    const body: Record<string, unknown> = { network_policy_ids: ids };
    if (upper !== undefined && lower !== undefined) {
      body.sequence_number_upper = upper;
      body.sequence_number_lower = lower;
    }
    // a dry run is also asked as a preview: the server then adds the objects, import marks and per-cluster flows
    return this.request<ImportResponse>('POST', withQuery('/policy/api/v1/infra/import-k8s-np-to-dfw',
      { on_error: onError, dry_run: dryRun || undefined, preview: dryRun || undefined }), body);
  }

  policies() { return this.all<SecurityPolicy>(`${DOMAIN}/security-policies`); }
  policy(id: string) { return this.get<SecurityPolicy>(`${DOMAIN}/security-policies/${encodeURIComponent(id)}`); }
  /** PATCH with `_revision`: the server refuses a stale one with 412. */
  patchPolicy(id: string, body: Partial<SecurityPolicy> & { _revision?: number }): Promise<void>;
  /** The same PATCH as a preview: validated and diffed, nothing committed. */
  patchPolicy(id: string, body: Partial<SecurityPolicy> & { _revision?: number }, preview: true): Promise<WritePreview>;
  patchPolicy(id: string, body: Partial<SecurityPolicy> & { _revision?: number }, preview?: true) {
    return this.request('PATCH', previewing(`${DOMAIN}/security-policies/${encodeURIComponent(id)}`, preview), body);
  }
  deletePolicy(id: string): Promise<void>;
  deletePolicy(id: string, preview: true): Promise<WritePreview>;
  deletePolicy(id: string, preview?: true) {
    return this.request('DELETE', previewing(`${DOMAIN}/security-policies/${encodeURIComponent(id)}`, preview));
  }
  putRule(policyId: string, rule: Partial<Rule> & { id: string; _revision?: number }): Promise<Rule>;
  putRule(policyId: string, rule: Partial<Rule> & { id: string; _revision?: number }, preview: true): Promise<WritePreview>;
  putRule(policyId: string, rule: Partial<Rule> & { id: string; _revision?: number }, preview?: true) {
    return this.request('PUT', previewing(`${DOMAIN}/security-policies/${encodeURIComponent(policyId)}/rules/`
      + encodeURIComponent(rule.id), preview), rule);
  }
  deleteRule(policyId: string, ruleId: string): Promise<void>;
  deleteRule(policyId: string, ruleId: string, preview: true): Promise<WritePreview>;
  deleteRule(policyId: string, ruleId: string, preview?: true) {
    return this.request('DELETE', previewing(`${DOMAIN}/security-policies/${encodeURIComponent(policyId)}/rules/`
      + encodeURIComponent(ruleId), preview));
  }

  /** Revisions of the DFW configuration, newest first, a page at a time. */
  revisions(query: Query) { return this.get<ListPage<RevisionSummary>>(`${BW}/revisions`, query); }
  revision(n: number) { return this.get<Revision>(`${BW}/revisions/${n}`); }
  /** What changes from revision `from` to revision `to` (objects, and per cluster the flows). */
  revisionDiff(to: number, from: number, cluster?: string) {
    return this.get<RevisionDiff>(`${BW}/revisions/${to}/diff`, { from, cluster });
  }
  rollback(n: number): Promise<Revision>;
  rollback(n: number, preview: true): Promise<WritePreview>;
  rollback(n: number, preview?: true) {
    return this.request('POST', withQuery(`${BW}/revisions/${n}`, { action: 'rollback', preview }));
  }

  groups() { return this.all<Group>(`${DOMAIN}/groups`); }
  groupMembers(groupId: string, cluster: string) {
    return this.get<{ group: string; cluster: string; pods: string[]; ip_addresses: string[] }>(
      `${BW}/clusters/${encodeURIComponent(cluster)}/groups/${encodeURIComponent(groupId)}/members`);
  }

  explain(cluster: string, query: Query) {
    return this.get<Explanation>(`${BW}/clusters/${encodeURIComponent(cluster)}/explain`, query);
  }
  matrix(cluster: string, namespace: string, query: Query) {
    return this.get<NamespaceMatrix>(
      `${BW}/clusters/${encodeURIComponent(cluster)}/namespaces/${encodeURIComponent(namespace)}/matrix`, query);
  }

  /** `filter`: actor, action, target (substring), since / until (epoch ms or ISO-8601) — applied by the server. */
  auditLog(query: Query) { return this.get<ListPage<AuditEntry>>(`${BW}/audit-log`, query); }

  /** NSX's search API (docs/api.md "Search"): every hit of a query, following cursors. */
  search<T>(query: string) { return this.all<T>('/policy/api/v1/search/query', { query }); }
}

function previewing(path: string, preview?: true) {
  return preview ? withQuery(path, { preview: true }) : path;
}

async function errorBody(res: Response): Promise<ApiErrorBody> {
  try {
    return await res.json();
  } catch {
    return { error_message: `HTTP ${res.status}` };
  }
}
