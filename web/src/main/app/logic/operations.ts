/** Pure logic of the operations screens: summing rule counters, reading a traceflow as hops, building its request. */
import type { Endpoint, Observation, RuleStat, Traceflow, TraceflowRequest } from '../api/operations';

export interface Counts { sessions: number; packets: number; bytes: number }

export interface RuleHits {
  total: Counts;
  /** One entry per cluster that reported the rule, by cluster name. */
  clusters: (Counts & { cluster: string; counter_resets: number; last_hit_time: number })[];
}

export const ruleKey = (policyId: string, ruleId: string) => `${policyId}\u0000${ruleId}`;

/** Sums per-cluster counters rule by rule (the column's figure) and keeps each cluster's share for the expansion. */
export function sumRuleStats(perCluster: RuleStat[]): Map<string, RuleHits> {
  const out = new Map<string, RuleHits>();
  for (const s of perCluster) {
    const key = ruleKey(s.policy_id, s.rule_id);
    const hits = out.get(key) ?? { total: { sessions: 0, packets: 0, bytes: 0 }, clusters: [] };
    hits.total.sessions += s.sessions;
    hits.total.packets += s.packets;
    hits.total.bytes += s.bytes;
    hits.clusters.push({ cluster: s.cluster, sessions: s.sessions, packets: s.packets, bytes: s.bytes,
      counter_resets: s.counter_resets, last_hit_time: s.last_hit_time });
    out.set(key, hits);
  }
  for (const hits of out.values()) hits.clusters.sort((a, b) => a.cluster.localeCompare(b.cluster));
  return out;
}

/** 1234567 → "1.2M"; exact below 10,000. */
export function compact(n: number): string {
  if (n < 10_000) return String(n);
  for (const [unit, size] of [['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (n >= size) return `${(n / size).toFixed(n / size < 100 ? 1 : 0)}${unit}`;
  }
  return String(n);
}

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

export type HopTone = 'pass' | 'drop' | 'deliver' | 'neutral';

export interface Hop {
  node: string;
  role: string;
  component: string;
  info: string;
  action: string;
  tone: HopTone;
  /** The Antrea policy and rule that matched, as "ACNP / rule"; empty when none. */
  antreaRule: string;
  /** The DFW policy and rule that Antrea rule realizes, as "policy / rule"; empty when none or not mapped. */
  dfwRule: string;
  dfwPolicyId?: string;
  dfwRuleId?: string;
}

function tone(action: string): HopTone {
  switch (action) {
    case 'Dropped':
    case 'Rejected':
      return 'drop';
    case 'Delivered':
      return 'deliver';
    case 'Forwarded':
    case 'Received':
    case 'ForwardedOutOfOverlay':
      return 'pass';
    default:
      return 'neutral';
  }
}

function hop(node: string, role: string, o: Observation): Hop {
  const policy = o.network_policy ?? '';
  return {
    node, role,
    component: o.component,
    info: o.component_info ?? '',
    action: o.action,
    tone: tone(o.action),
    antreaRule: policy ? [policy, o.network_policy_rule].filter(Boolean).join(' / ') : '',
    dfwRule: o.dfw_policy_id ? [o.dfw_policy_id, o.dfw_rule_id].filter(Boolean).join(' / ') : '',
    dfwPolicyId: o.dfw_policy_id || undefined,
    dfwRuleId: o.dfw_rule_id || undefined,
  };
}

/** The observed path in packet order: the sender's node first, then the receiver's, observations as reported. */
export function hops(tf: Traceflow): Hop[] {
  const results = [...(tf.observed?.results ?? [])];
  const rank = (role: string) => (role.toLowerCase() === 'sender' ? 0 : role.toLowerCase() === 'receiver' ? 2 : 1);
  results.sort((a, b) => rank(a.role) - rank(b.role));
  return results.flatMap((r) => r.observations.map((o) => hop(r.node, r.role, o)));
}

export function finished(tf: Traceflow): boolean {
  return tf.state !== 'PENDING';
}

/** "ns/name" is a pod (or Service), anything else an IP address. */
export function endpoint(text: string, kind: 'pod' | 'service' | 'ip'): Endpoint {
  const t = text.trim();
  return kind === 'pod' ? { pod: t } : kind === 'service' ? { service: t } : { ip: t };
}

export interface TraceflowForm {
  cluster: string;
  sourceKind: 'pod' | 'ip';
  source: string;
  destinationKind: 'pod' | 'service' | 'ip';
  destination: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: string;
}

const NS_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:.]*)$/;

/** The form's problems by field (empty when the request can be sent) — the server checks again. */
export function formProblems(f: TraceflowForm): Partial<Record<keyof TraceflowForm, string>> {
  const p: Partial<Record<keyof TraceflowForm, string>> = {};
  if (!f.cluster) p.cluster = 'choose a cluster';
  const check = (field: 'source' | 'destination', kind: string, value: string) => {
    const v = value.trim();
    if (!v) p[field] = 'is required';
    else if (kind === 'ip' ? !IP.test(v) : !NS_NAME.test(v)) {
      p[field] = kind === 'ip' ? `'${v}' is not an IP address` : `'${v}' is not namespace/name`;
    }
  };
  check('source', f.sourceKind, f.source);
  check('destination', f.destinationKind, f.destination);
  const port = Number(f.port);
  if (!/^\d+$/.test(f.port.trim()) || port < 1 || port > 65535) p.port = 'a port from 1 to 65535';
  return p;
}

export function traceflowRequest(f: TraceflowForm): TraceflowRequest {
  return {
    cluster: f.cluster,
    source: f.sourceKind === 'pod' ? { pod: f.source.trim() } : { ip: f.source.trim() },
    destination: endpoint(f.destination, f.destinationKind),
    protocol: f.protocol,
    port: Number(f.port),
  };
}

export function describeEndpoint(e: Endpoint | undefined): string {
  if (!e) return '';
  if ('pod' in e) return `pod ${e.pod}`;
  if ('service' in e) return `service ${e.service}`;
  return `IP ${e.ip}`;
}
