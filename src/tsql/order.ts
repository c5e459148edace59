// Deploy order of programmability scripts, computed from what they reference: schemas and types
// first, then functions and views in dependency order, procedures, triggers last; ties by path.
// Procedure calls are not dependencies (SQL Server resolves procedure names when they run), so
// procedures may call each other in cycles. A cycle among functions and views is an error. An object
// in a schema comes after the script that creates the schema (an SSDT project keeps its CREATE SCHEMA
// in a file of its own, which may sort after the tables: CREATE TABLE sales.T fails before it).
import type { ScriptAnalysis } from './analysis-types.js';
import type { Catalog, CatalogDefinition } from './catalog.js';
import { isSchemaScoped, keyOf } from './names.js';
import type { Diagnostic } from './types.js';

export interface OrderInput {
  path: string;
  analysis: ScriptAnalysis;
}

const RANK: Record<string, number> = { schema: 0, type: 0, table: 0, sequence: 0, synonym: 0, 'message-type': 0, contract: 0, queue: 0, service: 0, user: 0, role: 0, assembly: 0, aggregate: 0, function: 1, view: 1, procedure: 2, trigger: 3 };

function rankOf(analysis: ScriptAnalysis): number {
  let rank = Number.POSITIVE_INFINITY;
  for (const d of analysis.definitions) rank = Math.min(rank, RANK[d.kind] ?? 0);
  return Number.isFinite(rank) ? rank : 2;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders `scripts`; `catalog` must know every definition (other phases included). */
export function orderScripts<T extends OrderInput>(scripts: readonly T[], catalog: Catalog): { ordered: T[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const index = new Map<string, number>();
  scripts.forEach((s, k) => index.set(s.path, k));
  const deps: Set<number>[] = scripts.map(() => new Set<number>());
  const ranks = scripts.map((s) => rankOf(s.analysis));
  scripts.forEach((s, k) => {
    for (const ref of s.analysis.references) {
      if (!ref.ordering) continue;
      for (const target of catalog.targets(ref)) {
        const j = index.get(target.script);
        if (j !== undefined && j !== k && target.kind !== 'procedure') deps[k]?.add(j);
      }
    }
    for (const d of s.analysis.definitions) {
      const schema = d.parts.length >= 2 && isSchemaScoped(d.kind) ? d.parts[d.parts.length - 2] : undefined;
      if (schema === undefined || schema === '') continue;
      for (const target of catalog.get(keyOf('schema', [schema]))) {
        const j = index.get(target.script);
        if (j !== undefined && j !== k) deps[k]?.add(j);
      }
    }
  });

  reportCycles(scripts, catalog, diagnostics);

  // Kahn's algorithm, always taking the ready script with the lowest (rank, path).
  const indegree = deps.map((d) => d.size);
  const dependents: number[][] = scripts.map(() => []);
  deps.forEach((d, k) => d.forEach((j) => dependents[j]?.push(k)));
  const done = new Array<boolean>(scripts.length).fill(false);
  const less = (a: number, b: number): boolean => {
    const ra = ranks[a] ?? 0;
    const rb = ranks[b] ?? 0;
    return ra !== rb ? ra < rb : compare(scripts[a]?.path ?? '', scripts[b]?.path ?? '') < 0;
  };
  const ready = new MinHeap(less);
  indegree.forEach((d, k) => {
    if (d === 0) ready.push(k);
  });
  const ordered: T[] = [];
  while (ordered.length < scripts.length) {
    let next = ready.pop();
    if (next === undefined) {
      // A cycle: take the lowest remaining script (the cycle itself was reported above).
      for (let k = 0; k < scripts.length; k++) if (!done[k] && (next === undefined || less(k, next))) next = k;
      if (next === undefined) break;
    }
    if (done[next]) continue;
    done[next] = true;
    const script = scripts[next];
    if (script !== undefined) ordered.push(script);
    for (const k of dependents[next] ?? []) {
      indegree[k] = (indegree[k] ?? 0) - 1;
      if (indegree[k] === 0 && !done[k]) ready.push(k);
    }
  }
  return { ordered, diagnostics };
}

/** Cycles among functions and views (object level, Tarjan's strongly connected components). */
function reportCycles(scripts: readonly OrderInput[], catalog: Catalog, diagnostics: Diagnostic[]): void {
  const nodes: CatalogDefinition[] = [];
  const id = new Map<string, number>();
  for (const s of scripts) {
    for (const d of s.analysis.definitions) {
      if ((d.kind === 'function' || d.kind === 'view') && d.external === undefined && !id.has(d.key)) {
        id.set(d.key, nodes.length);
        nodes.push({ ...d, script: s.path });
      }
    }
  }
  const edges: number[][] = nodes.map(() => []);
  for (const s of scripts) {
    for (const ref of s.analysis.references) {
      if (!ref.ordering || ref.module === undefined) continue;
      const from = id.get(ref.module.key);
      if (from === undefined) continue;
      for (const t of catalog.targets(ref)) {
        const to = id.get(t.key);
        if (to !== undefined && to !== from && !edges[from]?.includes(to)) edges[from]?.push(to);
      }
    }
  }
  // Iterative Tarjan.
  let counter = 0;
  const low = new Array<number>(nodes.length).fill(-1);
  const num = new Array<number>(nodes.length).fill(-1);
  const onStack = new Array<boolean>(nodes.length).fill(false);
  const stack: number[] = [];
  for (let root = 0; root < nodes.length; root++) {
    if (num[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top === undefined) break;
      const [v, ei] = top;
      if (ei === 0) {
        num[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const out = edges[v] ?? [];
      if (ei < out.length) {
        top[1] = ei + 1;
        const w = out[ei] ?? 0;
        if (num[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] ?? 0, num[w] ?? 0);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent[0]] = Math.min(low[parent[0]] ?? 0, low[v] ?? 0);
      if (low[v] === num[v]) {
        const component: number[] = [];
        for (;;) {
          const w = stack.pop();
          if (w === undefined) break;
          onStack[w] = false;
          component.push(w);
          if (w === v) break;
        }
        if (component.length > 1) {
          const members = component.map((k) => nodes[k]).filter((d): d is CatalogDefinition => d !== undefined);
          members.sort((a, b) => compare(a.script, b.script) || a.loc.line - b.loc.line);
          const first = members[0];
          if (first === undefined) continue;
          const cycle = cyclePath(first, members, edges, id, nodes);
          diagnostics.push({
            file: first.loc.file,
            line: first.loc.line,
            col: first.loc.col,
            severity: 'error',
            rule: 'dependency-cycle',
            message: `Functions and views reference each other in a cycle: ${cycle}`,
            hint: 'No order can create them: break the cycle (SQL Server cannot create a view or function before what it references).',
          });
        }
      }
    }
  }
}

function cyclePath(start: CatalogDefinition, members: CatalogDefinition[], edges: number[][], id: Map<string, number>, nodes: CatalogDefinition[]): string {
  const inCycle = new Set(members.map((m) => id.get(m.key)));
  const from = id.get(start.key) ?? 0;
  // Breadth-first back to the start inside the component: the shortest cycle through it.
  const prev = new Map<number, number>();
  const queue = [from];
  let found = false;
  for (let q = 0; q < queue.length && !found; q++) {
    const v = queue[q] ?? 0;
    for (const w of edges[v] ?? []) {
      if (!inCycle.has(w)) continue;
      if (w === from) {
        prev.set(-1, v);
        found = true;
        break;
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const path: number[] = [];
  let v = prev.get(-1);
  while (v !== undefined && v !== from && path.length <= members.length) {
    path.unshift(v);
    v = prev.get(v);
  }
  return [from, ...path, from].map((k) => nodes[k]?.name ?? '?').join(' → ');
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i] ?? 0, a[p] ?? 0)) break;
      const t = a[i] ?? 0;
      a[i] = a[p] ?? 0;
      a[p] = t;
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l] ?? 0, a[m] ?? 0)) m = l;
        if (r < a.length && this.less(a[r] ?? 0, a[m] ?? 0)) m = r;
        if (m === i) break;
        const t = a[i] ?? 0;
        a[i] = a[m] ?? 0;
        a[m] = t;
        i = m;
      }
    }
    return top;
  }
}
