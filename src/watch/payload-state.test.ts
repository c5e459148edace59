import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PayloadState } from './payload-state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function payload(files: Record<string, string>): { dir: string; write: (path: string, text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'hart-watch-state-'));
  dirs.push(dir);
  const write = (path: string, text: string): string => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { dir, write };
}

describe('the payload kept between watch rounds', () => {
  it('keeps unchanged scripts as they were, and the deploy order until what it depends on changes', async () => {
    const { dir, write } = payload({
      'migrations/1.sql': 'CREATE TABLE dbo.T (Id int);\nGO\n',
      'programmability/views/a.sql': 'CREATE OR ALTER VIEW dbo.a AS SELECT t.Id FROM dbo.T AS t;\nGO\n',
      'programmability/views/b.sql': 'CREATE OR ALTER VIEW dbo.b AS SELECT t.Id FROM dbo.T AS t;\nGO\n',
    });
    const state = new PayloadState({ sqlDir: dir, variables: {} });
    await state.reload();
    const first = state.plan;
    expect(first.programmability.map((s) => s.path)).toEqual(['programmability/views/a.sql', 'programmability/views/b.sql']);
    // A body change: same definitions and references, same order; the other script is the same object.
    let change = await state.reload([write('programmability/views/a.sql', 'CREATE OR ALTER VIEW dbo.a AS SELECT t.Id AS Id FROM dbo.T AS t;\nGO\n')]);
    expect(change.changed.map((s) => s.path)).toEqual(['programmability/views/a.sql']);
    expect(state.plan.programmability[1]).toBe(first.programmability[1]);
    // a now reads b: b must come first.
    await state.reload([write('programmability/views/a.sql', 'CREATE OR ALTER VIEW dbo.a AS SELECT b.Id FROM dbo.b AS b;\nGO\n')]);
    expect(state.plan.programmability.map((s) => s.path)).toEqual(['programmability/views/b.sql', 'programmability/views/a.sql']);
    // Saved again without a change: nothing changed, the same objects.
    const before = state.plan.programmability;
    change = await state.reload([join(dir, 'programmability/views/a.sql')]);
    expect(change).toEqual({ changed: [], removed: [] });
    expect(state.plan.programmability).toEqual(before);
  });
});
