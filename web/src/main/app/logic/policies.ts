import type { Rule, SecurityPolicy, Tag } from '../api/types';

/** NSX DFW evaluates categories in this order, then sequence_number ascending (nsx-api.md). */
export const CATEGORIES = ['Ethernet', 'Emergency', 'Infrastructure', 'Environment', 'Application'] as const;

export const TAG = {
  cluster: 'breakwater.io/cluster',
  namespace: 'breakwater.io/namespace',
  networkPolicy: 'breakwater.io/network-policy',
} as const;

function categoryRank(category: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(category);
  return i < 0 ? CATEGORIES.length : i;
}

/** Policies in evaluation order: category, then sequence number, then id (a stable tie-break). */
export function evaluationOrder(policies: SecurityPolicy[]): SecurityPolicy[] {
  return [...policies].sort((a, b) => categoryRank(a.category) - categoryRank(b.category)
    || a.sequence_number - b.sequence_number || a.id.localeCompare(b.id));
}

export function rulesInOrder(rules: Rule[]): Rule[] {
  return [...rules].sort((a, b) => a.sequence_number - b.sequence_number || a.id.localeCompare(b.id));
}

export function tagValue(tags: Tag[] | undefined, scope: string): string | undefined {
  return tags?.find((t) => t.scope === scope)?.tag;
}

export interface PolicyFilter {
  cluster?: string;
  namespace?: string;
  networkPolicy?: string;
  text?: string;
}

/** A value inside quotes of a search query: only `"` and `\` need a backslash there. */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A word of the query language, its special characters escaped, so it matches literally. */
export function literal(word: string): string {
  return word.replace(/[\\*?:()"[\]{}~^!+\-&|]/g, (c) => `\\${c}`);
}

/**
 * The server search (GET /policy/api/v1/search/query) for the firewall filters: security policies carrying each
 * chosen `breakwater.io/*` tag (scope and value on one tag), and containing every word of the text anywhere — the
 * policy's fields, tags or rules — ignoring case. Undefined when no filter is set.
 */
export function policySearchQuery(f: PolicyFilter): string | undefined {
  const terms: string[] = [];
  const tags: [string, string | undefined][] = [[TAG.cluster, f.cluster], [TAG.namespace, f.namespace],
    [TAG.networkPolicy, f.networkPolicy]];
  for (const [scope, value] of tags) {
    if (value) terms.push(`tags:${quoted(`${scope}|${value}`)}`);
  }
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean)) terms.push(`*${literal(word)}*`);
  return terms.length ? ['resource_type:SecurityPolicy', ...terms].join(' AND ') : undefined;
}

/** Values a tag scope takes over all policies, sorted: the choices of a tag filter. */
export function tagChoices(policies: SecurityPolicy[], scope: string): string[] {
  const out = new Set<string>();
  for (const p of policies) {
    const v = tagValue(p.tags, scope);
    if (v) out.add(v);
  }
  return [...out].sort();
}

/** Counts of the adapter's phases for the policies the cluster reported on. */
export function realizationSummary(policies: SecurityPolicy[], cluster: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of policies) {
    const entry = p.status?.per_cluster.find((c) => c.cluster === cluster);
    if (entry) out[entry.phase] = (out[entry.phase] ?? 0) + 1;
  }
  return out;
}

/**
 * Moving a policy up or down within its category swaps its sequence number with its neighbour's; when both hold
 * the same number the moved one goes one past (or before) it. Returns the PATCHes to send, each with `_revision`.
 */
export function moveWithinCategory(policies: SecurityPolicy[], id: string, delta: -1 | 1):
    { id: string; sequence_number: number; _revision: number }[] {
  const ordered = evaluationOrder(policies);
  const i = ordered.findIndex((p) => p.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= ordered.length || ordered[j].category !== ordered[i].category) return [];
  const moved = ordered[i];
  const other = ordered[j];
  if (moved.sequence_number !== other.sequence_number) {
    return [
      { id: moved.id, sequence_number: other.sequence_number, _revision: moved._revision },
      { id: other.id, sequence_number: moved.sequence_number, _revision: other._revision },
    ];
  }
  const target = Math.max(0, other.sequence_number + delta);
  return [{ id: moved.id, sequence_number: target, _revision: moved._revision }];
}

export function groupName(path: string): string {
  if (path === 'ANY') return 'ANY';
  return path.substring(path.lastIndexOf('/') + 1);
}

export function services(rule: Rule): string {
  const entries = rule.service_entries.map((e) => `${e.l4_protocol ?? e.resource_type}`
    + (e.destination_ports?.length ? `/${e.destination_ports.join(',')}` : ''));
  const all = [...entries, ...rule.services.map(groupName)];
  return all.length ? all.join(' ') : 'ANY';
}
