import type { NetworkPolicy } from '../api/types';

/** What the wizard imports: whole namespaces (seed 000's recommended choice) plus single NetworkPolicies. */
export interface Selection {
  namespaces: Set<string>;
  policies: Set<string>;
}

export function emptySelection(): Selection {
  return { namespaces: new Set(), policies: new Set() };
}

/** The uids to send: every NetworkPolicy of a chosen namespace, then single picks, each once, not yet imported. */
export function selectedUids(all: NetworkPolicy[], selection: Selection): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const np of all) {
    const chosen = selection.namespaces.has(np.namespace ?? '') || selection.policies.has(np.uid);
    if (chosen && !np.imported && !seen.has(np.uid)) {
      seen.add(np.uid);
      out.push(np.uid);
    }
  }
  return out;
}

/** Namespaces picked only in part: a split namespace may change traffic until the rest follows (seed 000). */
export function partialNamespaces(all: NetworkPolicy[], selection: Selection): string[] {
  const byNs = new Map<string, { picked: number; total: number }>();
  for (const np of all) {
    if (np.imported) continue;
    const ns = np.namespace ?? '';
    const e = byNs.get(ns) ?? { picked: 0, total: 0 };
    e.total++;
    if (selection.namespaces.has(ns) || selection.policies.has(np.uid)) e.picked++;
    byNs.set(ns, e);
  }
  return [...byNs].filter(([, e]) => e.picked > 0 && e.picked < e.total).map(([ns]) => ns).sort();
}

/** Checks the optional sequence numbers as the server would: both or neither, 0–999,999, lower after upper. */
export function sequenceProblem(upper: string, lower: string): string | null {
  if (!upper && !lower) return null;
  if (!upper || !lower) return 'Give both sequence numbers, or neither.';
  const u = Number(upper);
  const l = Number(lower);
  const valid = (n: number) => Number.isInteger(n) && n >= 0 && n <= 999_999;
  if (!valid(u) || !valid(l)) return 'Sequence numbers are integers from 0 to 999,999.';
  if (l <= u) return 'The lower (drop) sequence number must be greater than the upper (allow) one.';
  return null;
}
