// Settings of the sample-embedding generator: seeds/embeddings.json, then flag overrides
// (`hart-dev seed --embeddings N --dim D --topics K --seed S`). Every value is checked here so that
// a typo stops the run with the file or flag to fix, before any server sees the data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HartError, UsageError } from '../engine/errors.js';
import type { EmbeddingSettings } from './types.js';

export const EMBEDDING_SETTINGS_FILE = 'embeddings.json';

export const DEFAULT_EMBEDDING_SETTINGS: Readonly<EmbeddingSettings> = Object.freeze({
  count: 2000,
  dim: 1536,
  topics: 8,
  seed: 20240917,
});

interface Limit {
  min: number;
  max: number;
  /** The `hart-dev seed` flag that overrides the field, named in errors about overrides. */
  flag: string;
  why: string;
}

// dim ≤ 4096: AtomEmbeddings.Dimension has CHECK (Dimension BETWEEN 1 AND 4096); 1536 dims is
// 6,144 bytes and stays in-row. seed is a 32-bit unsigned integer because the PRNG state is one.
const LIMITS: Record<keyof EmbeddingSettings, Limit> = {
  count: { min: 1, max: 1_000_000, flag: '--embeddings', why: 'the number of sample atoms' },
  dim: { min: 2, max: 4096, flag: '--dim', why: 'the vector dimension (at most 4096 for AtomEmbeddings; two or more so that topics can differ)' },
  topics: { min: 1, max: 1000, flag: '--topics', why: 'the number of topic clusters' },
  seed: { min: 0, max: 0xffff_ffff, flag: '--seed', why: 'the generator seed (a 32-bit unsigned integer)' },
};

const FIELDS: readonly (keyof EmbeddingSettings)[] = ['count', 'dim', 'topics', 'seed'];

function isField(name: string): name is keyof EmbeddingSettings {
  return FIELDS.some((field) => field === name);
}

/** A whole number within the setting's limits. */
function inRange(limit: Limit, value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= limit.min && value <= limit.max;
}

/**
 * A `hart-dev seed` flag's value, checked before anything runs: a whole number (negative ones
 * included, so that the message is about the range) within the setting's limits, else a usage error
 * (exit 2) naming the flag and the range.
 */
export function seedFlagValue(field: keyof EmbeddingSettings, written: string): number {
  const limit = LIMITS[field];
  const value = /^-?\d+$/.test(written) ? Number(written) : Number.NaN;
  if (!inRange(limit, value)) {
    const what = Number.isNaN(value) ? 'is not a whole number' : 'is out of range';
    throw new UsageError(`${limit.flag} ${written} ${what}: ${limit.why} takes ${limit.min} to ${limit.max}`, {
      hint: `e.g. ${limit.flag} ${DEFAULT_EMBEDDING_SETTINGS[field]} (the default).`,
    });
  }
  return value;
}

/** The flag and range of each setting, for help texts. */
export function seedFlagRange(field: keyof EmbeddingSettings): string {
  return `${LIMITS[field].min}–${LIMITS[field].max}`;
}

function checkValue(field: keyof EmbeddingSettings, value: unknown, source: string): number {
  const limit = LIMITS[field];
  if (!inRange(limit, value)) {
    throw new HartError(
      `Embedding setting "${field}" from ${source} is ${JSON.stringify(value) ?? String(value)}; it must be an integer from ${limit.min} to ${limit.max}`,
      {
        hint: `Set ${field} (${limit.why}) to a whole number in range, or leave it out to use ${DEFAULT_EMBEDDING_SETTINGS[field]}.`,
        code: 'seed-settings',
      },
    );
  }
  return value;
}

function readSettingsFile(file: string): Partial<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw new HartError(`Can't read ${file}`, { hint: 'Check the file permissions or set HART_SEEDS_DIR to another folder.', code: 'seed-settings', cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new HartError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      hint: `Fix the JSON, e.g. { "count": 2000, "dim": 1536, "topics": 8, "seed": 20240917 }.`,
      location: { file, line: 1 },
      code: 'seed-settings',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HartError(`${file} must hold one JSON object`, {
      hint: 'Write { "count": 2000, "dim": 1536, "topics": 8, "seed": 20240917 } (every field optional).',
      location: { file, line: 1 },
      code: 'seed-settings',
    });
  }
  const record: Partial<Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '$comment') continue;
    if (!isField(key)) {
      throw new HartError(`${file} has an unknown setting "${key}"`, {
        hint: `Known settings: ${FIELDS.join(', ')}.`,
        location: { file, line: 1 },
        code: 'seed-settings',
      });
    }
    record[key] = value;
  }
  return record;
}

/**
 * Defaults ← seeds/embeddings.json (missing file: defaults) ← overrides (flags). Throws HartError
 * naming the file or flag of the first bad value. Topics may not exceed count: an empty topic
 * would make the nearest-neighbour guarantee meaningless.
 */
export function loadEmbeddingSettings(seedsDir: string, overrides: Partial<EmbeddingSettings> = {}): EmbeddingSettings {
  const file = join(seedsDir, EMBEDDING_SETTINGS_FILE);
  const fromFile = readSettingsFile(file);
  const settings: EmbeddingSettings = { ...DEFAULT_EMBEDDING_SETTINGS };
  for (const field of FIELDS) {
    const value = fromFile[field];
    if (value !== undefined) settings[field] = checkValue(field, value, file);
  }
  for (const field of FIELDS) {
    const value = overrides[field];
    if (value !== undefined) settings[field] = checkValue(field, value, LIMITS[field].flag);
  }
  if (settings.topics > settings.count) {
    throw new HartError(`Embedding settings ask for ${settings.topics} topics but only ${settings.count} atoms`, {
      hint: 'Use at most as many topics as atoms (--topics ≤ --embeddings).',
      code: 'seed-settings',
    });
  }
  return settings;
}
