import type {
  ClusterConnectivity, DecidingRule, DirectionReason, FlowChange, FlowParty, ImportMarkChange, ObjectChange,
} from '../api/types';

/** What a preview or a revision diff reports: the objects touched and, when the server computes it, the flows. */
export interface Impact {
  objects: ObjectChange[];
  /** NetworkPolicies whose "imported" mark changes (an import, or a rollback across one). */
  import_marks?: ImportMarkChange[];
  connectivity?: ClusterConnectivity[];
}

/** One field of an object that differs between before and after, each side rendered short. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** Bookkeeping fields every write changes; showing them would hide the change that matters. */
const BOOKKEEPING = /^_(revision|last_modified_time|last_modified_user|create_time|create_user|system_owned|protection)$/;
const MAX_VALUE = 160;

/** A value as one short line: lists of names joined, objects as compact JSON, cut at 160 characters. */
export function shortValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.length ? value.join(', ') : '[]';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between an object's body before and after the change, in the order the bodies list them,
 * bookkeeping fields (`_revision`, `_last_modified_*`, …) left out. Objects, and lists of objects of the same
 * length, are compared inside (`service_entries[0].destination_ports`), two levels deep, so a changed port does not
 * print the whole list. An added object lists every field it sets, a deleted one every field it had.
 */
export function fieldChanges(change: Pick<ObjectChange, 'before' | 'after'>): FieldChange[] {
  const out: FieldChange[] = [];
  compare('', change.before ?? {}, change.after ?? {}, 0, out);
  return out;
}

const MAX_DEPTH = 2;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(field: string, before: unknown, after: unknown, depth: number, out: FieldChange[]) {
  if (same(before, after)) return;
  const inside = depth <= MAX_DEPTH;
  if (inside && isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      if (depth === 0 && BOOKKEEPING.test(k)) continue;
      compare(field ? `${field}.${k}` : k, before[k], after[k], depth + 1, out);
    }
    return;
  }
  if (inside && depth > 0 && Array.isArray(before) && Array.isArray(after) && before.length === after.length
      && before.every(isRecord) && after.every(isRecord)) {
    before.forEach((b, i) => compare(`${field}[${i}]`, b, after[i], depth + 1, out));
    return;
  }
  out.push({ field, before: shortValue(before), after: shortValue(after) });
}

export interface ImpactCounts {
  added: number;
  changed: number;
  deleted: number;
  opened: number;
  closed: number;
  /** Flow changes the server counted, including those it left out of a truncated list. */
  flowChanges: number;
  /** Clusters whose connectivity diff failed or was cut short. */
  incomplete: string[];
}

/** Objects per change kind and flows opened/closed over every cluster (the listed ones; see `flowChanges`). */
export function impactCounts(impact: Impact): ImpactCounts {
  const objects = (kind: ObjectChange['change']) => impact.objects.filter((o) => o.change === kind).length;
  const clusters = impact.connectivity ?? [];
  const flows = clusters.flatMap((c) => c.flows ?? []);
  return {
    added: objects('ADDED'),
    changed: objects('CHANGED'),
    deleted: objects('DELETED'),
    opened: flows.filter((f) => f.change === 'opened').length,
    closed: flows.filter((f) => f.change === 'closed').length,
    flowChanges: clusters.reduce((n, c) => n + (c.flow_change_count ?? c.flows?.length ?? 0), 0),
    incomplete: clusters.filter((c) => c.truncated || c.error).map((c) => c.cluster),
  };
}

/** One line saying what the impact amounts to, e.g. "1 object changed; demo: 2 flows open, 1 closes". */
export function impactSummary(impact: Impact): string {
  const c = impactCounts(impact);
  const objects = [[c.added, 'added'], [c.changed, 'changed'], [c.deleted, 'deleted']]
    .filter(([n]) => n).map(([n, what]) => `${n} ${what}`);
  const head = objects.length ? `Objects: ${objects.join(', ')}` : 'No object changes';
  if (!impact.connectivity) return `${head}; flows not computed by this server`;
  if (!impact.connectivity.length) return `${head}; no cluster to compare on`;
  return `${head}; ${impact.connectivity.map(clusterSummary).join('; ')}`;
}

export function clusterSummary(c: ClusterConnectivity): string {
  if (c.error) return `${c.cluster}: flows not computed (${c.error})`;
  const flows = c.flows ?? [];
  const opened = flows.filter((f) => f.change === 'opened').length;
  const closed = flows.length - opened;
  const total = c.flow_change_count ?? flows.length;
  if (!total) return `${c.cluster}: no flow changes`;
  const parts = [`${opened} ${opened === 1 ? 'opens' : 'open'}`, `${closed} ${closed === 1 ? 'closes' : 'close'}`];
  const shown = c.truncated || total > flows.length ? ` (first ${flows.length} of ${total} shown)` : '';
  return `${c.cluster}: ${total} flow ${total === 1 ? 'change' : 'changes'}, ${parts.join(', ')}${shown}`;
}

const MAX_PODS = 3;

/** `shop/[web-1,web-2]`, `shop/[web-1,web-2,web-3 +4 more]`, `shop {app=web}` or `10.0.0.0/8, 192.168.1.1`. */
export function partyText(p: FlowParty): string {
  if (p.addresses) return p.addresses.join(', ') || 'no address';
  const ns = p.namespace ?? '';
  // the server names pods `ns/name`; within the class's namespace the name alone is enough
  const pods = (p.pods ?? []).map((pod) => (pod.startsWith(`${ns}/`) ? pod.substring(ns.length + 1) : pod));
  if (pods.length) {
    const more = pods.length > MAX_PODS ? ` +${pods.length - MAX_PODS} more` : '';
    return `${ns}/[${pods.slice(0, MAX_PODS).join(',')}${more}]`;
  }
  const labels = Object.entries(p.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  return labels ? `${ns} {${labels}}` : `${ns}/*`;
}

/** `TCP 5432`, `UDP 8000-8080`, `TCP all ports`. */
export function portsText(protocol: string, ports: [number, number] | number[] | undefined): string {
  if (!ports || ports.length < 2) return protocol;
  const [first, last] = ports;
  if (first <= 1 && last >= 65535) return `${protocol} all ports`;
  return first === last ? `${protocol} ${first}` : `${protocol} ${first}-${last}`;
}

/**
 * Where a deciding rule is shown: a DFW rule opens highlighted in the firewall screen; a NetworkPolicy (`ns/name`,
 * decided after the DFW when it was not imported) opens its namespace in the inventory.
 */
export function ruleHref(rule: DecidingRule, cluster: string): string {
  if (rule.policy.includes('/')) {
    const ns = rule.policy.substring(0, rule.policy.indexOf('/'));
    return `/inventory?cluster=${encodeURIComponent(cluster)}&open=${encodeURIComponent(`${cluster}/${ns}`)}`;
  }
  const ruleId = rule.rule.startsWith('rules/') ? rule.rule.substring('rules/'.length) : rule.rule;
  return `/firewall?policy=${encodeURIComponent(rule.policy)}&rule=${encodeURIComponent(ruleId)}`;
}

/** A direction's outcome with what decided it when no rule did (`ISOLATED by isolation of shop/deny-all`). */
export function reasonText(r: DirectionReason | undefined): string {
  if (!r) return '—';
  if (!r.rules?.length && r.isolatedBy?.length) return `${r.outcome} by isolation of ${r.isolatedBy.join(', ')}`;
  return r.outcome;
}

/** A flow's key, for React lists and for telling flows apart in tests. */
export function flowKey(f: FlowChange): string {
  return `${f.change} ${partyText(f.from)} ${partyText(f.to)} ${portsText(f.protocol, f.ports)}`;
}
