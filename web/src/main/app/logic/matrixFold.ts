/**
 * Folds a reachability matrix (rows = sources, columns = destinations; '.' allowed, 'X' blocked, '-' self) into
 * pod classes: pods that every other pod reaches alike and that reach every other pod alike. A class is shown as
 * one row and one column, so 1,000 replicas of a few deployments make a grid of a few cells.
 */
export interface PodClass {
  members: string[];
  /** index of the representative pod in the input */
  representative: number;
  indices: number[];
}

export interface Folded {
  classes: PodClass[];
  /** cells[i][j]: the verdict from class i to class j; within one class the verdict between two of its pods */
  cells: string[][];
}

function sameBehaviour(m: string[], a: number, b: number): boolean {
  if (m[a][b] !== m[b][a]) return false;
  const n = m.length;
  for (let k = 0; k < n; k++) {
    if (k === a || k === b) continue;
    if (m[a][k] !== m[b][k] || m[k][a] !== m[k][b]) return false;
  }
  return true;
}

/** Allowed counts outside the diagonal: equal for two equivalent pods, so they bucket candidates cheaply. */
function signature(m: string[], i: number): string {
  let out = 0;
  let inn = 0;
  for (let k = 0; k < m.length; k++) {
    if (k === i) continue;
    if (m[i][k] === '.') out++;
    if (m[k][i] === '.') inn++;
  }
  return `${out}:${inn}`;
}

export function fold(pods: string[], matrix: string[]): Folded {
  const classes: PodClass[] = [];
  const buckets = new Map<string, PodClass[]>();
  pods.forEach((pod, i) => {
    const key = signature(matrix, i);
    const candidates = buckets.get(key) ?? [];
    const home = candidates.find((c) => sameBehaviour(matrix, c.representative, i)
      && c.indices.every((j) => matrix[i][j] === matrix[c.representative][j] || j === c.representative));
    if (home) {
      home.members.push(pod);
      home.indices.push(i);
    } else {
      const c: PodClass = { members: [pod], representative: i, indices: [i] };
      candidates.push(c);
      buckets.set(key, candidates);
      classes.push(c);
    }
  });
  const cells = classes.map((from) => classes.map((to) => {
    if (from !== to) return matrix[from.representative][to.representative];
    return from.indices.length > 1 ? matrix[from.indices[0]][from.indices[1]] : '-';
  }));
  return { classes, cells };
}

/** "web-7d9f-abcde" x 12 → "web-7d9f-… (12 pods)"; one pod keeps its name. */
export function className(c: PodClass): string {
  if (c.members.length === 1) return c.members[0];
  const names = c.members.map((m) => m.substring(m.indexOf('/') + 1));
  let prefix = names[0];
  for (const n of names) {
    while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  const ns = c.members[0].includes('/') ? c.members[0].substring(0, c.members[0].indexOf('/') + 1) : '';
  return `${ns}${prefix || names[0]}… (${c.members.length} pods)`;
}
