import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSnapshotName, findSnapshot, forgetSnapshot, manifestPath, readManifest, recordSnapshot, type SnapshotEntry } from './manifest.js';

const dirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hart-manifest-'));
  dirs.push(dir);
  return join(dir, '.hart');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry = (name: string): SnapshotEntry => ({ name, createdAt: '2026-12-04T19:00:00.000Z', kitVersion: '0.1.0', message: 'before the demo' });

describe('snapshot manifest', () => {
  it('records, replaces by name, finds and forgets snapshots in .hart/snapshots.json', () => {
    const dir = stateDir();
    expect(readManifest(dir).snapshots).toEqual([]);
    expect(recordSnapshot(dir, entry('a'))).toBe(false);
    expect(recordSnapshot(dir, entry('b'))).toBe(false);
    expect(recordSnapshot(dir, { ...entry('a'), message: 'again' })).toBe(true);
    const manifest = readManifest(dir);
    expect(manifest.snapshots.map((s) => [s.name, s.message])).toEqual([['b', 'before the demo'], ['a', 'again']]);
    expect(JSON.parse(readFileSync(manifestPath(dir), 'utf8'))).toMatchObject({ version: 1 });
    expect(findSnapshot(manifest, 'b').name).toBe('b');
    forgetSnapshot(dir, 'b');
    expect(readManifest(dir).snapshots.map((s) => s.name)).toEqual(['a']);
  });

  it('a missing snapshot is a usage error naming the nearest one and the list', () => {
    const dir = stateDir();
    recordSnapshot(dir, entry('before-demo'));
    expect(() => findSnapshot(readManifest(dir), 'before-dem')).toThrow('No snapshot named "before-dem"');
    try {
      findSnapshot(readManifest(dir), 'before-dem');
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, code: 'snapshot-missing', hint: 'Did you mean "before-demo"? Snapshots: before-demo (hart-dev snapshot list).' });
    }
    expect(() => findSnapshot(readManifest(stateDir()), 'x')).toThrow(expect.objectContaining({ hint: 'There is no snapshot yet: take one with hart-dev snapshot save NAME.' }));
  });

  it('refuses names that are not safe as file and backup names, with an example', () => {
    expect(checkSnapshotName('before-migration_2.1', 'save')).toBe('before-migration_2.1');
    for (const bad of ['../x', 'a b', "it's", '-x', '.x', 'x.', 'a'.repeat(65), 'ü']) {
      expect(() => checkSnapshotName(bad, 'save')).toThrow(`"${bad}" is not a snapshot name`);
    }
    expect(() => checkSnapshotName(undefined, 'restore')).toThrow(expect.objectContaining({ message: 'snapshot restore needs a NAME', exitCode: 2 }));
  });

  it('a damaged manifest says which file and what to do', () => {
    const dir = stateDir();
    recordSnapshot(dir, entry('a'));
    writeFileSync(manifestPath(dir), '{"version": 1, "snap');
    expect(() => readManifest(dir)).toThrow(`${manifestPath(dir)} is not JSON`);
    writeFileSync(manifestPath(dir), '{"version": 9, "snapshots": []}');
    expect(() => readManifest(dir)).toThrow('has version 9; this hart-dev reads version 1');
  });
});
