// Exact k-nearest neighbours by cosine for the SIMILAR_TO edges, fast enough for 10,000 × 1,536.
//
// Brute force is 10⁸ pairs × 1,536 dims. Two things make it cheap without giving up exactness:
//  1. Same-group pairs (atoms of one topic) are computed all-against-all with the SIMD kernel,
//     using symmetry, in cache-sized blocks. With 8 topics that is 1/8 of all pairs.
//  2. Every other group is then either ruled out for an atom by a proven upper bound on the cosine,
//     or scanned in full for that atom. The bound: let Q be an orthonormal basis of the group means
//     and p = Qᵀx, x⊥ = x − Qp. For unit x in group A and any y in group B,
//        x·y = p_x·p_y + x⊥·y⊥ ≤ p_x·c_B + |p_x|·r_B + |x⊥|·m_B
//     where c_B is the mean of p over B, r_B = max |p_y − c_B| and m_B = max |y⊥| (Cauchy–Schwarz
//     twice). When clusters are tight the bound sits well below an atom's k-th best same-group
//     score and nothing else is computed; when they are not, the scan keeps the answer exact —
//     only slower. A centroid-distance (triangle) bound alone is too weak in 1,536 dimensions.
// Ties break by the lower atom index, so the result is deterministic; scores are the kernel's
// float32 dot products of the normalised vectors.
import { createDotKernel, kernelBytes, MAX_KERNEL_BYTES, type DotKernel } from './knn-kernel.js';

export interface KnnInput {
  vectors: readonly Float32Array[];
  /** Group (topic) of each vector: same-group pairs are computed first. Any partition is correct. */
  groups: readonly number[];
  k: number;
}

export interface KnnResult {
  /** Neighbours per atom (min(k, n − 1)). */
  k: number;
  /** index[i·k + r] = r-th nearest neighbour of atom i (best first). */
  index: Int32Array;
  /** score[i·k + r] = its cosine similarity. */
  score: Float32Array;
  stats: { pairs: number; crossScans: number; groups: number };
}

export interface KnnOptions {
  signal?: AbortSignal;
  /** Called now and then with (pairs computed, pairs planned) — a rough progress measure. */
  onProgress?: (done: number, total: number) => void;
}

/** Slack for float32 rounding: a group is scanned when its bound comes within this of the k-th score. */
const SLACK = 1e-3;
/** Above this many groups, the basis projection costs as much as scanning: scan instead. */
const MAX_BASIS = 64;
/** Rows of a block of `b` rows kept hot in cache while every `a` row passes over it. */
const BLOCK_ROWS = 64;
/** Yield to the event loop this often (ms), so Ctrl-C and progress rendering stay responsive. */
const YIELD_MS = 50;

export function knnMemoryFits(count: number, dim: number): boolean {
  return kernelBytes(count + Math.min(count, MAX_BASIS), dim) <= MAX_KERNEL_BYTES;
}

/** Top-k lists, best first, ties to the lower index. */
class TopK {
  readonly k: number;
  readonly index: Int32Array;
  readonly score: Float32Array;
  constructor(n: number, k: number) {
    this.k = k;
    this.index = new Int32Array(n * k).fill(-1);
    this.score = new Float32Array(n * k).fill(-Infinity);
  }

  /** The k-th best score of atom i so far (−∞ while the list is not full). */
  kth(i: number): number {
    return this.k === 0 ? Infinity : (this.score[i * this.k + this.k - 1] ?? -Infinity);
  }

  offer(i: number, j: number, s: number): void {
    const k = this.k;
    if (k === 0) return;
    const base = i * k;
    let pos = base + k - 1;
    if (!better(s, j, this.score[pos] ?? -Infinity, this.index[pos] ?? -1)) return;
    while (pos > base && better(s, j, this.score[pos - 1] ?? -Infinity, this.index[pos - 1] ?? -1)) {
      this.score[pos] = this.score[pos - 1] ?? -Infinity;
      this.index[pos] = this.index[pos - 1] ?? -1;
      pos -= 1;
    }
    this.score[pos] = s;
    this.index[pos] = j;
  }
}

/** (s, j) ranks before (t, i): higher score, or the same score and a lower index; empty slots (i = −1) last. */
function better(s: number, j: number, t: number, i: number): boolean {
  return i === -1 || s > t || (s === t && j < i);
}

function yieldNow(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

export async function nearestNeighbours(input: KnnInput, options: KnnOptions = {}): Promise<KnnResult> {
  const { vectors, groups } = input;
  const n = vectors.length;
  if (groups.length !== n) throw new RangeError(`${n} vectors but ${groups.length} group labels`);
  const k = Math.max(0, Math.min(Math.floor(input.k), n - 1));
  const top = new TopK(n, k);
  const stats = { pairs: 0, crossScans: 0, groups: 0 };
  if (options.signal?.aborted === true) throw abortError(options.signal);
  if (k === 0 || n < 2) return { k, index: top.index, score: top.score, stats };
  const dim = vectors[0]?.length ?? 0;

  // Order rows by group so each group is one contiguous run; row r holds atom order[r].
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (groups[x] ?? 0) - (groups[y] ?? 0) || x - y);
  const runs: { start: number; end: number }[] = [];
  for (let r = 0; r < n; r++) {
    const g = groups[order[r] ?? 0];
    const last = runs[runs.length - 1];
    if (last !== undefined && groups[order[last.start] ?? 0] === g) last.end = r + 1;
    else runs.push({ start: r, end: r + 1 });
  }
  stats.groups = runs.length;
  const useBasis = runs.length > 1 && runs.length <= MAX_BASIS;
  const basisRows = useBasis ? runs.length : 0;
  const kernel = createDotKernel(n + basisRows, dim);
  const rowFloats = kernel.rowFloats;

  // Normalised copies: dot product = cosine.
  for (let r = 0; r < n; r++) {
    const v = vectors[order[r] ?? 0];
    if (v === undefined || v.length !== dim) throw new RangeError(`vector ${order[r]} has dimension ${v?.length}, expected ${dim}`);
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (v[j] ?? 0) * (v[j] ?? 0);
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const base = r * rowFloats;
    for (let j = 0; j < dim; j++) kernel.data[base + j] = (v[j] ?? 0) * inv;
  }

  let samePairs = 0;
  for (const run of runs) samePairs += ((run.end - run.start) * (run.end - run.start - 1)) / 2;
  let planned = samePairs;
  let lastYield = performance.now();
  const tick = async (): Promise<void> => {
    if (performance.now() - lastYield < YIELD_MS) return;
    options.onProgress?.(stats.pairs, planned);
    await yieldNow();
    lastYield = performance.now();
    if (options.signal?.aborted === true) throw abortError(options.signal);
  };

  const out = kernel.out;
  // 1. Same-group pairs, each computed once, in blocks of BLOCK_ROWS b-rows.
  for (const { start, end } of runs) {
    for (let jb = start; jb < end; jb += BLOCK_ROWS) {
      const je = Math.min(jb + BLOCK_ROWS, end);
      for (let i = start; i < je - 1; i++) {
        const from = Math.max(i + 1, jb);
        const count = je - from;
        if (count <= 0) continue;
        kernel.dotRows(i, from, count);
        const ai = order[i] ?? 0;
        for (let c = 0; c < count; c++) {
          const s = out[c] ?? 0;
          const bj = order[from + c] ?? 0;
          top.offer(ai, bj, s);
          top.offer(bj, ai, s);
        }
        stats.pairs += count;
      }
      await tick();
    }
  }

  // 2. Other groups: bound first, scan only where the bound cannot rule the group out.
  const scanGroup = (row: number, run: { start: number; end: number }): void => {
    const count = run.end - run.start;
    kernel.dotRows(row, run.start, count);
    const ai = order[row] ?? 0;
    for (let c = 0; c < count; c++) top.offer(ai, order[run.start + c] ?? 0, out[c] ?? 0);
    stats.pairs += count;
    stats.crossScans += 1;
  };
  if (runs.length > 1 && !useBasis) {
    for (let r = 0; r < n; r++) {
      for (const run of runs) if (!(r >= run.start && r < run.end)) scanGroup(r, run);
      await tick();
    }
    return { k, index: top.index, score: top.score, stats };
  }
  if (!useBasis) return { k, index: top.index, score: top.score, stats };

  const bounds = groupBounds(kernel, runs, n);
  planned = stats.pairs;
  for (let g = 0; g < runs.length; g++) {
    const own = runs[g];
    if (own === undefined) continue;
    for (let r = own.start; r < own.end; r++) {
      const candidates: { run: number; bound: number }[] = [];
      for (let h = 0; h < runs.length; h++) if (h !== g) candidates.push({ run: h, bound: bounds.of(r, h) });
      candidates.sort((x, y) => y.bound - x.bound || x.run - y.run);
      for (const { run, bound } of candidates) {
        if (bound + SLACK < top.kth(order[r] ?? 0)) break;
        const target = runs[run];
        if (target !== undefined) {
          planned += target.end - target.start;
          scanGroup(r, target);
        }
      }
      await tick();
    }
  }
  options.onProgress?.(stats.pairs, planned);
  return { k, index: top.index, score: top.score, stats };
}

/** Per-row projections on the orthonormalised group means, and per-group spread and residual maxima. */
function groupBounds(kernel: DotKernel, runs: { start: number; end: number }[], n: number): { of(row: number, group: number): number } {
  const { rowFloats, dim, data } = kernel;
  const g = runs.length;
  // Group means (float64), then modified Gram–Schmidt; near-dependent means are dropped.
  const basis: Float64Array[] = [];
  for (const { start, end } of runs) {
    const mean = new Float64Array(dim);
    for (let r = start; r < end; r++) {
      const base = r * rowFloats;
      for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) + (data[base + j] ?? 0);
    }
    for (const q of basis) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += (mean[j] ?? 0) * (q[j] ?? 0);
      for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) - dot * (q[j] ?? 0);
    }
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += (mean[j] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-6 * (end - start)) continue;
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] ?? 0) / norm;
    basis.push(mean);
  }
  const m = basis.length;
  // The basis goes into kernel rows n…n+m−1 (float32): one kernel call projects a row.
  basis.forEach((q, b) => {
    const base = (n + b) * rowFloats;
    for (let j = 0; j < dim; j++) data[base + j] = q[j] ?? 0;
  });
  const proj = new Float64Array(n * m);
  const residual = new Float64Array(n);
  const projNorm = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    kernel.dotRows(r, n, m);
    let p2 = 0;
    for (let b = 0; b < m; b++) {
      const v = kernel.out[b] ?? 0;
      proj[r * m + b] = v;
      p2 += v * v;
    }
    projNorm[r] = Math.sqrt(p2);
    // |x|² = 1 up to float32 rounding; a float32 basis is orthonormal only up to ~1e-7 (SLACK covers both).
    residual[r] = Math.sqrt(Math.max(0, 1 - p2));
  }
  const centre = new Float64Array(g * m);
  const spread = new Float64Array(g);
  const maxResidual = new Float64Array(g);
  runs.forEach(({ start, end }, h) => {
    for (let r = start; r < end; r++) for (let b = 0; b < m; b++) centre[h * m + b] = (centre[h * m + b] ?? 0) + (proj[r * m + b] ?? 0) / (end - start);
    let far = 0;
    let res = 0;
    for (let r = start; r < end; r++) {
      let d2 = 0;
      for (let b = 0; b < m; b++) d2 += ((proj[r * m + b] ?? 0) - (centre[h * m + b] ?? 0)) ** 2;
      far = Math.max(far, Math.sqrt(d2));
      res = Math.max(res, residual[r] ?? 0);
    }
    spread[h] = far;
    maxResidual[h] = res;
  });
  return {
    of(row: number, h: number): number {
      let dot = 0;
      for (let b = 0; b < m; b++) dot += (proj[row * m + b] ?? 0) * (centre[h * m + b] ?? 0);
      return dot + (projNorm[row] ?? 0) * (spread[h] ?? 0) + (residual[row] ?? 0) * (maxResidual[h] ?? 0);
    },
  };
}
