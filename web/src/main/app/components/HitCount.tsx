import type { Client } from '../api/client';
import { ruleStats } from '../api/operations';
import { bytes, compact, ruleKey, sumRuleStats, type RuleHits } from '../logic/operations';
import { time } from './PageHeader';
import type { Async } from './useAsync';

/** Every cluster's per-rule counters, summed rule by rule (the server keeps them per cluster). */
export async function loadHits(client: Client): Promise<Map<string, RuleHits>> {
  const clusters = await client.clusters();
  const rows = await Promise.all(clusters.map((c) => ruleStats(client, c.name)));
  return sumRuleStats(rows.flat());
}

/** A rule's hit count: sessions summed over clusters; opening it shows packets, bytes and each cluster's share. */
export function HitCount({ hits, policyId, ruleId }: { hits: Async<Map<string, RuleHits>>; policyId: string;
  ruleId: string }) {
  if (hits.error) return <span title={String(hits.error)}>unavailable</span>;
  if (!hits.data) return <span>…</span>;
  const h = hits.data.get(ruleKey(policyId, ruleId));
  if (!h) return <span data-testid={`hits-${policyId}-${ruleId}`}>no report</span>;
  return (
    <details className="bw-hits" data-testid={`hits-${policyId}-${ruleId}`}>
      <summary aria-label={`${h.total.sessions} sessions on ${ruleId}; show per cluster`}>
        <strong>{compact(h.total.sessions)}</strong> sessions</summary>
      <div>{compact(h.total.packets)} packets, {bytes(h.total.bytes)} over all clusters</div>
      <ul>
        {h.clusters.map((c) => (
          <li key={c.cluster}>{c.cluster}: {c.sessions} sessions, {c.packets} packets, {bytes(c.bytes)}; last hit
            {' '}{time(c.last_hit_time)}{c.counter_resets ? `; ${c.counter_resets} counter resets` : ''}</li>))}
      </ul>
    </details>
  );
}
