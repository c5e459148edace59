import { mkdirSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileEvents } from './file-events.js';

const dirs: string[] = [];
const events: FileEvents[] = [];
afterEach(() => {
  for (const e of events.splice(0)) e.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): { root: string; file: string; watcher: FileEvents; signal: AbortSignal } {
  const root = mkdtempSync(join(tmpdir(), 'hart-watch-events-'));
  dirs.push(root);
  mkdirSync(join(root, 'programmability', 'procedures'), { recursive: true });
  const file = join(root, 'programmability', 'procedures', 'usp_A.sql');
  writeFileSync(file, 'CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT 1;\n');
  const watcher = new FileEvents({ roots: [root], relevant: (p) => p.endsWith('.sql'), quietMs: 300, maxWaitMs: 5000 });
  events.push(watcher);
  return { root, file, watcher, signal: new AbortController().signal };
}

/** Lets the watch settle (inotify watches are added as the folders are read). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));

describe('file events (real file-system events on a temporary folder)', () => {
  it('a save by temporary file and rename is one round with the saved file, not the temporary one', async () => {
    const { file, watcher, signal } = setup();
    await settle();
    writeFileSync(`${file}.tmp~`, 'CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT 2;\n');
    renameSync(`${file}.tmp~`, file);
    expect(await watcher.next(signal)).toEqual([file]);
  });

  it('truncate-and-write in two steps is one round', async () => {
    const { file, watcher, signal } = setup();
    await settle();
    truncateSync(file, 0);
    await new Promise((r) => setTimeout(r, 20));
    appendFileSync(file, 'CREATE OR ALTER PROCEDURE dbo.usp_A AS SELECT 3;\n');
    expect(await watcher.next(signal)).toEqual([file]);
  });

  it('many files written at once (a checkout: a file deleted, files written, a new folder) are one round, sorted', async () => {
    const { root, file, watcher, signal } = setup();
    await settle();
    rmSync(file);
    const written: string[] = [];
    for (let k = 0; k < 40; k++) {
      const f = join(root, 'programmability', 'procedures', `usp_${String(k).padStart(2, '0')}.sql`);
      writeFileSync(f, `CREATE OR ALTER PROCEDURE dbo.usp_${k} AS SELECT ${k};\n`);
      written.push(f);
    }
    mkdirSync(join(root, 'programmability', 'views'));
    const view = join(root, 'programmability', 'views', 'v.sql');
    writeFileSync(view, 'CREATE OR ALTER VIEW dbo.v AS SELECT 1 AS one;\n');
    expect(await watcher.next(signal)).toEqual([...written, file, view].sort());
  });

  it('an aborted wait gives an empty round', async () => {
    const { watcher } = setup();
    const controller = new AbortController();
    const waiting = watcher.next(controller.signal);
    controller.abort();
    expect(await waiting).toEqual([]);
  });
});
