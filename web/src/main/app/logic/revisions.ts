/** Which revisions the revisions page compares: at most two picks, kept in the URL as `compare=A,B`. */

/** Picks `n`, or drops it when picked; a third pick drops the oldest pick, so two always stay. */
export function toggleSelection(selected: number[], n: number): number[] {
  if (selected.includes(n)) return selected.filter((s) => s !== n);
  return [...selected, n].slice(-2);
}

/** `"12,9"` → `[12, 9]`; anything that is not a positive whole number is ignored, at most two are kept. */
export function parseSelection(param: string | null): number[] {
  const out: number[] = [];
  for (const part of (param ?? '').split(',')) {
    const n = Number(part.trim());
    if (part.trim() && Number.isInteger(n) && n > 0 && !out.includes(n)) out.push(n);
  }
  return out.slice(-2);
}

export function selectionParam(selected: number[]): string {
  return selected.join(',');
}

/** The diff two picks ask for: always from the older revision to the newer one, whatever the order of picking. */
export function diffRange(selected: number[]): { from: number; to: number } | null {
  if (selected.length !== 2) return null;
  const [a, b] = selected;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/**
 * The revision just before `n` among those listed; numbers may have gaps (a failed transaction, pruning), so it is
 * the next older listed number, not n - 1. Undefined for the oldest listed one.
 */
export function previousOf(numbers: number[], n: number): number | undefined {
  const older = numbers.filter((m) => m < n);
  return older.length ? Math.max(...older) : undefined;
}
