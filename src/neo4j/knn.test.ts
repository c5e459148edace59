import { describe, expect, it } from 'vitest';
import { generateSampleAtoms } from '../seed/embeddings.js';
import { nearestNeighbours } from './knn.js';

/** Reference: every pair in float64, ties to the lower index. */
function bruteForce(vectors: Float32Array[], k: number): { index: number[][]; score: number[][] } {
  const unit = vectors.map((v) => {
    const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
    return Array.from(v, (x) => x / norm);
  });
  const index: number[][] = [];
  const score: number[][] = [];
  unit.forEach((a, i) => {
    const all = unit
      .map((b, j) => ({ j, s: a.reduce((sum, x, d) => sum + x * (b[d] ?? 0), 0) }))
      .filter(({ j }) => j !== i)
      .sort((x, y) => y.s - x.s || x.j - y.j)
      .slice(0, k);
    index.push(all.map((e) => e.j));
    score.push(all.map((e) => e.s));
  });
  return { index, score };
}

function rows(result: { k: number; index: Int32Array; score: Float32Array }, n: number): { index: number[][]; score: number[][] } {
  const index: number[][] = [];
  const score: number[][] = [];
  for (let i = 0; i < n; i++) {
    index.push(Array.from(result.index.subarray(i * result.k, (i + 1) * result.k)));
    score.push(Array.from(result.score.subarray(i * result.k, (i + 1) * result.k)));
  }
  return { index, score };
}

/** Small deterministic vectors (xorshift), optionally pulled towards a few directions. */
function randomVectors(n: number, dim: number, seed: number): Float32Array[] {
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => Float32Array.from({ length: dim }, next));
}

describe('nearestNeighbours', () => {
  it('matches brute force on clustered seed atoms (tight clusters: bounds rule other topics out)', async () => {
    const atoms = generateSampleAtoms({ count: 240, dim: 64, topics: 6, seed: 7 });
    const vectors = atoms.map((a) => a.vector);
    const result = await nearestNeighbours({ vectors, groups: atoms.map((a) => a.topic), k: 5 });
    const expected = bruteForce(vectors, 5);
    const actual = rows(result, vectors.length);
    expect(actual.index).toEqual(expected.index);
    actual.score.flat().forEach((s, i) => expect(s).toBeCloseTo(expected.score.flat()[i] ?? NaN, 5));
  });

  it('stays exact when the groups say nothing about similarity (every other group scanned)', async () => {
    const vectors = randomVectors(150, 37, 42); // 37: rows padded to 40 floats
    const groups = vectors.map((_, i) => i % 5);
    const result = await nearestNeighbours({ vectors, groups, k: 4 });
    expect(rows(result, vectors.length).index).toEqual(bruteForce(vectors, 4).index);
    expect(result.stats.crossScans).toBeGreaterThan(0);
  });

  it('uses exhaustive scans beyond 64 groups, and caps k at n − 1', async () => {
    const vectors = randomVectors(70, 8, 3);
    const result = await nearestNeighbours({ vectors, groups: vectors.map((_, i) => i), k: 3 });
    expect(rows(result, 70).index).toEqual(bruteForce(vectors, 3).index);
    const few = await nearestNeighbours({ vectors: vectors.slice(0, 3), groups: [0, 0, 1], k: 5 });
    expect(few.k).toBe(2);
    expect(rows(few, 3).index).toEqual(bruteForce(vectors.slice(0, 3), 2).index);
  });

  it('breaks ties by the lower atom index, so duplicates give a stable order', async () => {
    const v = Float32Array.from([1, 0, 0, 0]);
    const result = await nearestNeighbours({ vectors: [v, v, v, v], groups: [0, 1, 0, 1], k: 2 });
    expect(rows(result, 4).index).toEqual([[1, 2], [0, 2], [0, 1], [0, 1]]);
  });

  it('stops when the signal has aborted', async () => {
    const atoms = generateSampleAtoms({ count: 40, dim: 16, topics: 1, seed: 1 });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      nearestNeighbours({ vectors: atoms.map((a) => a.vector), groups: atoms.map(() => 0), k: 5 }, { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
