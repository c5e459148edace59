import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cosine, decodeVector, deterministicSqrt, encodeVector, generateSampleAtoms, sampleKey, spatialCellSize } from './embeddings.js';
import { DEFAULT_EMBEDDING_SETTINGS } from './settings.js';
import type { SeedAtom } from './types.js';

function bytesHash(atoms: SeedAtom[]): string {
  const hash = createHash('sha256');
  for (const atom of atoms) hash.update(encodeVector(atom.vector));
  return hash.digest('hex');
}

/** For every sample, the index of the most similar other sample (dot product: the vectors are unit length). */
function nearestOthers(atoms: SeedAtom[]): Int32Array {
  const best = new Int32Array(atoms.length).fill(-1);
  const bestDot = new Float64Array(atoms.length).fill(-Infinity);
  // Each pair once, updating both ends: half the work of a query per sample.
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]?.vector ?? new Float32Array(0);
    for (let j = i + 1; j < atoms.length; j++) {
      const b = atoms[j]?.vector ?? new Float32Array(0);
      let dot = 0;
      for (let k = 0; k < a.length; k++) dot += (a[k] ?? 0) * (b[k] ?? 0);
      if (dot > (bestDot[i] ?? -Infinity)) {
        bestDot[i] = dot;
        best[i] = j;
      }
      if (dot > (bestDot[j] ?? -Infinity)) {
        bestDot[j] = dot;
        best[j] = i;
      }
    }
  }
  return best;
}

describe('generateSampleAtoms', () => {
  it('gives byte-identical vectors for the same settings (golden hash)', () => {
    const settings = { count: 24, dim: 16, topics: 3, seed: 7 };
    const first = generateSampleAtoms(settings);
    expect(bytesHash(first)).toBe(bytesHash(generateSampleAtoms(settings)));
    // The golden value: a change here means every developer's seed data changes.
    expect(bytesHash(first)).toMatchInlineSnapshot(`"29108e5de1d54de48caf4012f22a083e8ea9e89572d0eb64f9c833856cdb6c64"`);
  });

  it('changes the vectors when the seed changes', () => {
    const a = generateSampleAtoms({ count: 4, dim: 8, topics: 2, seed: 1 });
    const b = generateSampleAtoms({ count: 4, dim: 8, topics: 2, seed: 2 });
    expect(bytesHash(a)).not.toBe(bytesHash(b));
  });

  it('keeps sample i the same when the count grows', () => {
    const small = generateSampleAtoms({ count: 5, dim: 32, topics: 4, seed: 9 });
    const large = generateSampleAtoms({ count: 50, dim: 32, topics: 4, seed: 9 });
    expect(bytesHash(large.slice(0, 5))).toBe(bytesHash(small));
    expect(large[4]?.key).toBe('sample-000004');
  });

  it('makes unit vectors with stable keys, topics and texts', () => {
    const atoms = generateSampleAtoms({ count: 10, dim: 64, topics: 4, seed: 3 });
    expect(atoms.map((a) => a.key)).toEqual(Array.from({ length: 10 }, (_, i) => sampleKey(i)));
    expect(atoms.map((a) => a.topic)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
    expect(atoms[1]?.topicName).toBe('biology');
    expect(atoms[1]?.text).toBe('Sample atom 1 about biology (topic 2 of 4)');
    for (const atom of atoms) {
      let sum = 0;
      for (const x of atom.vector) sum += x * x;
      expect(Math.abs(Math.sqrt(sum) - 1)).toBeLessThan(1e-5);
    }
  });

  it('clusters by topic: for ≥ 95 % of the default 2,000 × 1536 samples the nearest other sample shares its topic', () => {
    const atoms = generateSampleAtoms({ ...DEFAULT_EMBEDDING_SETTINGS });
    expect(atoms).toHaveLength(2000);
    expect(atoms[0]?.vector).toHaveLength(1536);
    const nearest = nearestOthers(atoms);
    let same = 0;
    for (let i = 0; i < atoms.length; i++) {
      if (atoms[nearest[i] ?? -1]?.topic === atoms[i]?.topic) same += 1;
    }
    expect(same / atoms.length).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('places each topic in its own concept-map cell at the default cell size', () => {
    const settings = { count: 400, dim: 1536, topics: 8, seed: 11 };
    const size = spatialCellSize(settings.topics);
    expect(size).toBeCloseTo(0.2, 12);
    const cellsByTopic = new Map<number, Set<string>>();
    for (const atom of generateSampleAtoms(settings)) {
      const cell = `${Math.floor((atom.spatial?.x ?? NaN) / size)}:${Math.floor((atom.spatial?.y ?? NaN) / size)}`;
      const cells = cellsByTopic.get(atom.topic) ?? new Set<string>();
      cells.add(cell);
      cellsByTopic.set(atom.topic, cells);
    }
    const all = [...cellsByTopic.values()];
    expect(all.every((cells) => cells.size === 1)).toBe(true);
    expect(new Set(all.map((cells) => [...cells][0])).size).toBe(8);
  });

  it('refuses settings that were not validated', () => {
    expect(() => generateSampleAtoms({ count: 10, dim: 1, topics: 2, seed: 1 })).toThrow(/out of range/);
  });
});

describe('vectors as bytes', () => {
  it('encodes float32 little-endian and decodes back', () => {
    const v = new Float32Array([1, -0.5, 0.25, 3.5]);
    const bytes = encodeVector(v);
    expect(bytes.toString('hex')).toBe('0000803f000000bf0000803e00006040');
    expect([...decodeVector(bytes)]).toEqual([1, -0.5, 0.25, 3.5]);
  });

  it('returns a copy, not a view of the vector', () => {
    const v = new Float32Array([1, 2]);
    const bytes = encodeVector(v);
    v[0] = 9;
    expect(decodeVector(bytes)[0]).toBe(1);
  });

  it('says what is wrong with bytes that are not float32 data', () => {
    expect(() => decodeVector(Buffer.alloc(6))).toThrow(/6 bytes is not float32 data/);
  });

  it('computes cosine similarity and refuses mismatched dimensions', () => {
    expect(cosine(new Float32Array([1, 0]), new Float32Array([0, 2]))).toBe(0);
    expect(cosine(new Float32Array([1, 1]), new Float32Array([2, 2]))).toBeCloseTo(1, 12);
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 0]))).toBe(0);
    expect(() => cosine(new Float32Array(2), new Float32Array(3))).toThrow(/dimension 2 and 3/);
  });

  it('takes square roots without Math.sqrt, within one unit in the last place', () => {
    for (const x of [0.5, 1, 1.8, 2, 1536, 1e-6, 12345.678]) {
      expect(Math.abs(deterministicSqrt(x) - Math.sqrt(x))).toBeLessThanOrEqual(Number.EPSILON * Math.sqrt(x));
    }
    expect(deterministicSqrt(0)).toBe(0);
  });
});
