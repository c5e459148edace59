// The snapshot manifest, .hart/snapshots.json: one entry per named snapshot with when and by which kit
// version it was taken, the user's message, and for each part (SQL Server backup, graph file) where
// its file is, its size, its SHA-256 and the payload fingerprint the journal held. The graph files
// live beside it in .hart/snapshots/; the SQL Server backups where the server wrote them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HartError, UsageError } from '../engine/errors.js';
import { nearestName } from '../engine/nearest-name.js';

export const MANIFEST_VERSION = 1;

export interface SqlSnapshotPart {
  database: string;
  /** The backup file as the server names it (inside the container, or under HART_SQL_BACKUP_DIR). */
  file: string;
  bytes: number;
  sha256: string;
  compressed: boolean;
  /** The deploy fingerprint (payload + CLR + seed) verify recorded in the journal; null when never verified. */
  fingerprint: string | null;
  /** Scripts the journal recorded as applied. */
  scripts: number;
}

export interface GraphSnapshotPart {
  /** Relative to the state folder (.hart). */
  file: string;
  bytes: number;
  sha256: string;
  nodes: number;
  relationships: number;
  constraints: number;
  indexes: number;
  /** The graph seed's fingerprint from the graph journal; null when the graph was not seeded. */
  fingerprint: string | null;
}

export interface SnapshotEntry {
  name: string;
  /** ISO time the save finished. */
  createdAt: string;
  message?: string;
  kitVersion: string;
  sql?: SqlSnapshotPart;
  graph?: GraphSnapshotPart;
}

export interface Manifest {
  version: number;
  snapshots: SnapshotEntry[];
}

export function manifestPath(stateDir: string): string {
  return join(stateDir, 'snapshots.json');
}

export function snapshotsDir(stateDir: string): string {
  return join(stateDir, 'snapshots');
}

/** The graph file of a snapshot, relative to the state folder (as the manifest records it). */
export function graphFileOf(name: string): string {
  return join('snapshots', `${name}.graph.ndjson.gz`);
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A name is a file name part and a backup name: letters, digits, '.', '_', '-', at most 64, no leading dot or dash. */
export function checkSnapshotName(name: string | undefined, command: string): string {
  if (name === undefined || name === '') {
    throw new UsageError(`snapshot ${command} needs a NAME`, { hint: `Run: hart-dev snapshot ${command} NAME (e.g. before-migration).` });
  }
  if (!NAME.test(name) || name.endsWith('.')) {
    throw new UsageError(`"${name}" is not a snapshot name`, {
      hint: 'Use letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit), e.g. before-migration or demo_2.',
    });
  }
  return name;
}

function damaged(stateDir: string, why: string): HartError {
  return new HartError(`${manifestPath(stateDir)} ${why}`, {
    code: 'snapshot-manifest',
    hint: 'Fix or remove the file (the snapshot files it lists stay where they are; without it hart-dev knows no snapshot).',
  });
}

export function readManifest(stateDir: string): Manifest {
  const path = manifestPath(stateDir);
  if (!existsSync(path)) return { version: MANIFEST_VERSION, snapshots: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw damaged(stateDir, `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(Reflect.get(parsed, 'snapshots'))) throw damaged(stateDir, 'has no "snapshots" list');
  const version: unknown = Reflect.get(parsed, 'version');
  if (version !== MANIFEST_VERSION) throw damaged(stateDir, `has version ${String(version)}; this hart-dev reads version ${MANIFEST_VERSION}`);
  const list: unknown[] = Reflect.get(parsed, 'snapshots');
  const snapshots = list.filter((s): s is SnapshotEntry => typeof s === 'object' && s !== null && typeof Reflect.get(s, 'name') === 'string' && typeof Reflect.get(s, 'createdAt') === 'string');
  if (snapshots.length !== list.length) throw damaged(stateDir, 'has an entry without a name or time');
  return { version: MANIFEST_VERSION, snapshots };
}

/** Written whole to a temporary file, then renamed over the old one: never half a manifest. */
export function writeManifest(stateDir: string, manifest: Manifest): void {
  mkdirSync(stateDir, { recursive: true });
  const path = manifestPath(stateDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temporary, path);
}

/** Adds the entry, replacing one of the same name; returns whether one was replaced. */
export function recordSnapshot(stateDir: string, entry: SnapshotEntry): boolean {
  const manifest = readManifest(stateDir);
  const replaced = manifest.snapshots.some((s) => s.name === entry.name);
  writeManifest(stateDir, { ...manifest, snapshots: [...manifest.snapshots.filter((s) => s.name !== entry.name), entry] });
  return replaced;
}

export function forgetSnapshot(stateDir: string, name: string): void {
  const manifest = readManifest(stateDir);
  writeManifest(stateDir, { ...manifest, snapshots: manifest.snapshots.filter((s) => s.name !== name) });
}

/** The snapshot of that name, or an error naming the ones there are. */
export function findSnapshot(manifest: Manifest, name: string): SnapshotEntry {
  const entry = manifest.snapshots.find((s) => s.name === name);
  if (entry !== undefined) return entry;
  const names = manifest.snapshots.map((s) => s.name);
  const near = nearestName(name, names);
  throw new UsageError(`No snapshot named "${name}"`, {
    code: 'snapshot-missing',
    hint:
      names.length === 0
        ? 'There is no snapshot yet: take one with hart-dev snapshot save NAME.'
        : `${near === undefined ? '' : `Did you mean "${near}"? `}Snapshots: ${names.join(', ')} (hart-dev snapshot list).`,
  });
}
