// The journal: which scripts ran, with which hash. Decisions are pure (decideScript) so the rules
// read in one place: run-once scripts run once and must not change; anytime scripts re-run when their
// hash changed; every-time scripts always run. A script is recorded only after all its batches succeeded.
import { HartError } from '../engine/errors.js';
import type { Script, ScriptKind } from '../tsql/types.js';
import type { SqlSession } from './session.js';
import { ensureJournalSql, forgetJournalSql, readJournalSql, recordJournalSql } from './tsql-texts.js';

/** Journal kinds: the script kinds plus the kit's own steps (seed, verify, golden backup). */
export type JournalKind = ScriptKind | 'seed' | 'verify';

export interface JournalEntry {
  path: string;
  kind: string;
  hash: string;
  durationMs?: number;
  kitVersion?: string;
}

export type ScriptDecision =
  | { action: 'skip'; reason: 'unchanged' }
  | { action: 'apply'; reason: 'new' | 'changed' | 'every-time' | 'changed-allowed' | 'dependent' }
  | { action: 'refuse'; previousHash: string };

export function decideScript(script: Pick<Script, 'kind' | 'hash'>, entry: JournalEntry | undefined, allowChangedMigration: boolean): ScriptDecision {
  if (script.kind === 'every-time') return { action: 'apply', reason: 'every-time' };
  if (entry === undefined) return { action: 'apply', reason: 'new' };
  if (entry.hash === script.hash) return { action: 'skip', reason: 'unchanged' };
  if (script.kind === 'anytime') return { action: 'apply', reason: 'changed' };
  // A run-once script that changed after it ran: the database no longer matches the file. With the
  // flag the developer takes responsibility; the script runs again (EF idempotent scripts guard
  // themselves with __EFMigrationsHistory) and the new hash is recorded.
  return allowChangedMigration ? { action: 'apply', reason: 'changed-allowed' } : { action: 'refuse', previousHash: entry.hash };
}

export function changedMigrationError(script: Pick<Script, 'path'>): HartError {
  return new HartError(`Migration ${script.path} changed after it was applied to this database`, {
    code: 'migration-changed',
    location: { file: script.path, line: 1 },
    hint: 'A migration must not change once it ran: put the change in a new migration, or run `hart-dev reset` for a fresh database, or pass --allow-changed-migration to run it again anyway.',
  });
}

/** The journal rows of one database, by path; `record` writes through to the database. */
export class Journal {
  readonly entries: Map<string, JournalEntry>;

  constructor(entries: Iterable<JournalEntry> = []) {
    this.entries = new Map([...entries].map((e) => [e.path, e]));
  }

  get(path: string): JournalEntry | undefined {
    return this.entries.get(path);
  }

  /** Writes the row (after success) and keeps the in-memory copy in step. */
  async record(session: SqlSession, entry: Required<JournalEntry>): Promise<void> {
    await session.query(recordJournalSql(), {
      path: { type: 'nvarchar', value: entry.path },
      kind: { type: 'nvarchar', value: entry.kind },
      hash: { type: 'nvarchar', value: entry.hash },
      durationMs: { type: 'int', value: Math.min(2_147_483_647, Math.max(0, Math.round(entry.durationMs))) },
      kitVersion: { type: 'nvarchar', value: entry.kitVersion },
    });
    this.entries.set(entry.path, entry);
  }

  /** Deletes the row of a script whose file is gone, and the in-memory copy. */
  async forget(session: SqlSession, path: string): Promise<void> {
    await session.query(forgetJournalSql(), { path: { type: 'nvarchar', value: path } });
    this.entries.delete(path);
  }
}

function entryOf(row: Record<string, unknown>): JournalEntry | undefined {
  const { path, kind, hash, durationMs, kitVersion } = row;
  if (typeof path !== 'string' || typeof kind !== 'string' || typeof hash !== 'string') return undefined;
  const entry: JournalEntry = { path, kind, hash };
  if (typeof durationMs === 'number') entry.durationMs = durationMs;
  if (typeof kitVersion === 'string') entry.kitVersion = kitVersion;
  return entry;
}

/** The journal JSON of the status query (FOR JSON PATH), or an empty journal for NULL. */
export function parseJournalJson(json: unknown): Journal {
  if (typeof json !== 'string' || json === '') return new Journal();
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return new Journal();
  const rows = parsed.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  return new Journal(rows.map(entryOf).filter((e): e is JournalEntry => e !== undefined));
}

/** Creates the journal when missing and reads it, from inside the database. */
export async function loadJournal(session: SqlSession): Promise<Journal> {
  await session.batch(ensureJournalSql());
  const rows = await session.query(readJournalSql());
  return new Journal(rows.map(entryOf).filter((e): e is JournalEntry => e !== undefined));
}
