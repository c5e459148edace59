import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HartError } from '../engine/errors.js';
import { DEFAULT_EMBEDDING_SETTINGS, loadEmbeddingSettings, seedFlagValue } from './settings.js';

function seedsDir(json?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hart-seeds-'));
  if (json !== undefined) writeFileSync(join(dir, 'embeddings.json'), json);
  return dir;
}

describe('loadEmbeddingSettings', () => {
  it('reads the shipped seeds/embeddings.json: 2,000 × 1536', () => {
    const settings = loadEmbeddingSettings(join(import.meta.dirname, '../../seeds'));
    expect(settings).toEqual({ count: 2000, dim: 1536, topics: 8, seed: 20240917 });
  });

  it('uses the defaults when the folder has no settings file', () => {
    expect(loadEmbeddingSettings(seedsDir())).toEqual(DEFAULT_EMBEDDING_SETTINGS);
  });

  it('lets flags override the file', () => {
    const dir = seedsDir('{ "count": 100, "dim": 64 }');
    expect(loadEmbeddingSettings(dir, { count: 10, seed: 5 })).toEqual({ count: 10, dim: 64, topics: 8, seed: 5 });
  });

  it('names the file and the range for a bad value in the file', () => {
    const dir = seedsDir('{ "dim": 1536.5 }');
    expect(() => loadEmbeddingSettings(dir)).toThrow(`Embedding setting "dim" from ${join(dir, 'embeddings.json')} is 1536.5; it must be an integer from 2 to 4096`);
  });

  it('names the flag for a bad override', () => {
    expect(() => loadEmbeddingSettings(seedsDir(), { count: 0 })).toThrow('Embedding setting "count" from --embeddings is 0; it must be an integer from 1 to 1000000');
  });

  it('refuses a string where a number belongs', () => {
    expect(() => loadEmbeddingSettings(seedsDir('{ "seed": "42" }'))).toThrow(/"seed" .* is "42"/);
  });

  it('refuses unknown settings, with the known ones in the hint', () => {
    try {
      loadEmbeddingSettings(seedsDir('{ "dimensions": 768 }'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HartError);
      if (!(error instanceof HartError)) return;
      expect(error.message).toMatch(/unknown setting "dimensions"/);
      expect(error.hint).toBe('Known settings: count, dim, topics, seed.');
    }
  });

  it('points at the file when it is not JSON', () => {
    const dir = seedsDir('{ count: 1 }');
    try {
      loadEmbeddingSettings(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HartError);
      if (!(error instanceof HartError)) return;
      expect(error.message).toMatch(/is not valid JSON/);
      expect(error.location).toEqual({ file: join(dir, 'embeddings.json'), line: 1 });
    }
  });

  it('refuses more topics than atoms', () => {
    expect(() => loadEmbeddingSettings(seedsDir(), { count: 3, topics: 4 })).toThrow('Embedding settings ask for 4 topics but only 3 atoms');
  });
});

describe('seedFlagValue (hart-dev seed flags, checked before anything runs)', () => {
  it('takes a whole number within the range', () => {
    expect(seedFlagValue('dim', '16')).toBe(16);
    expect(seedFlagValue('seed', '0')).toBe(0);
  });

  it('refuses 0, negative numbers and words with the flag and the range, as a usage error (exit 2)', () => {
    expect(() => seedFlagValue('dim', '0')).toThrow('--dim 0 is out of range: the vector dimension (at most 4096 for AtomEmbeddings; two or more so that topics can differ) takes 2 to 4096');
    expect(() => seedFlagValue('topics', '0')).toThrow('--topics 0 is out of range');
    expect(() => seedFlagValue('count', '-5')).toThrow('--embeddings -5 is out of range: the number of sample atoms takes 1 to 1000000');
    expect(() => seedFlagValue('count', 'ten')).toThrow('--embeddings ten is not a whole number');
    expect(() => seedFlagValue('dim', '0')).toThrow(expect.objectContaining({ exitCode: 2, hint: 'e.g. --dim 1536 (the default).' }));
  });
});
