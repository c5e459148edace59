import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptHash } from './hash.js';
import { readScript } from './reader.js';
import { writeTree } from './test-support.js';

async function read(text: string, variables: Record<string, string> = {}) {
  const root = writeTree({ 'a.sql': text });
  return readScript(join(root, 'a.sql'), { variables, root });
}

describe('GO', () => {
  it('splits on GO alone on its line, any case, with whitespace, count and a trailing comment', async () => {
    const r = await read('SELECT 1\n  go  \nSELECT 2\nGo 3 -- three times\nSELECT 3\nGO /* done */\n');
    expect(r.batches.map((b) => [b.text, b.line, b.count])).toEqual([
      ['SELECT 1', 1, 1],
      ['SELECT 2', 3, 3],
      ['SELECT 3', 5, 1],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('does not split inside strings, brackets or nested comments', async () => {
    const r = await read("SELECT 'a\nGO\nb'\nSELECT [x\nGO\n]\n/* /* */\nGO\n*/\nGO\nSELECT 2");
    expect(r.batches).toHaveLength(2);
    expect(r.batches[1]?.line).toBe(11);
  });

  it('reports GO; and text after GO as errors at their line', async () => {
    const r = await read('SELECT 1\nGO;\nSELECT 2\nGO SELECT 3\nGOTO x');
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['go-semicolon', 2],
      ['go-trailing-text', 4],
    ]);
  });

  it('keeps the first line of each batch so a server line maps to the file line', async () => {
    const r = await read('\n\nSELECT 1\nGO\n\n\n  SELECT 2\n  SELECT 3\n');
    expect(r.batches.map((b) => b.line)).toEqual([3, 7]);
    const second = r.batches[1];
    // Server error on line 2 of the second batch = file line 7 + 2 - 1.
    expect(second?.text.split('\n')[1]).toBe('  SELECT 3');
  });
});

describe('sqlcmd commands', () => {
  it('substitutes $(NAME) from :setvar before configuration, strings included, not in comments', async () => {
    const r = await read(':setvar Db "Local"\nSELECT N\'$(Db)\', [$(Db)], $(Schema) -- $(Nope)\n', { Db: 'Config', schema: 'app' });
    expect(r.batches[0]?.text).toBe("SELECT N'Local', [Local], app -- $(Nope)");
    expect(r.batches[0]?.line).toBe(2);
    expect(r.diagnostics).toEqual([]);
  });

  it('reports an undefined variable at its file:line:col', async () => {
    const r = await read('SELECT 1\nSELECT $(Missing)');
    expect(r.diagnostics).toMatchObject([{ file: 'a.sql', line: 2, col: 8, rule: 'sqlcmd-undefined-variable' }]);
  });

  it('includes :r files relative to the including file, with a line map', async () => {
    const root = writeTree({ 'main.sql': 'SELECT 1\n:r sub/inc.sql\nSELECT 3\nGO', 'sub/inc.sql': 'SELECT 2\nGO\nSELECT 22' });
    const r = await readScript(join(root, 'main.sql'), { variables: {}, root });
    expect(r.batches.map((b) => b.text)).toEqual(['SELECT 1\nSELECT 2', 'SELECT 22\nSELECT 3']);
    expect(r.batches[1]?.lineMap).toEqual([
      { file: 'sub/inc.sql', line: 3 },
      { file: 'main.sql', line: 3 },
    ]);
    expect(r.batches[1]?.file).toBe('sub/inc.sql');
  });

  it('reads a backslash in an :r path as a folder separator, as sqlcmd on Windows does', async () => {
    const root = writeTree({ 'deploy/post.sql': ':r "..\\Seed\\plans.sql"\n:r .\\local.sql\nGO', 'Seed/plans.sql': 'SELECT 1', 'deploy/local.sql': 'SELECT 2' });
    const r = await readScript(join(root, 'deploy/post.sql'), { variables: {}, root });
    expect(r.diagnostics).toEqual([]);
    expect(r.batches.map((b) => b.text)).toEqual(['SELECT 1\nSELECT 2']);
  });

  it('reports include cycles and missing includes instead of looping', async () => {
    const root = writeTree({ 'a.sql': ':r b.sql\nSELECT 1', 'b.sql': ':r a.sql\n:r nope.sql' });
    const r = await readScript(join(root, 'a.sql'), { variables: {}, root });
    expect(r.diagnostics.map((d) => [d.rule, d.file, d.line])).toEqual([
      ['sqlcmd-include-cycle', 'b.sql', 1],
      ['sqlcmd-include-missing', 'b.sql', 2],
    ]);
  });

  it('marks batches after :on error ignore and rejects unknown commands', async () => {
    const r = await read('SELECT 1\nGO\n:on error ignore\nSELECT 2\nGO\n:connect other\n');
    expect(r.batches.map((b) => b.onError)).toEqual([undefined, 'ignore']);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['sqlcmd-unsupported']);
  });

  it('reports an unterminated string at the line it opens', async () => {
    const r = await read("SELECT 1\nSELECT 'open\nGO\n");
    expect(r.diagnostics).toMatchObject([{ rule: 'unterminated', line: 2, col: 8 }]);
  });
});

describe('encoding and hash', () => {
  it('reads UTF-16 LE and BE files with a BOM, and UTF-8 with a BOM', async () => {
    const text = "SELECT N'Zürich'\r\nGO\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const root = writeTree({ 'le.sql': le, 'be.sql': Buffer.concat([Buffer.from([0xfe, 0xff]), be.subarray(2)]), 'u8.sql': utf8 });
    for (const f of ['le.sql', 'be.sql', 'u8.sql']) {
      const r = await readScript(join(root, f), { variables: {}, root });
      expect(r.batches.map((b) => b.text)).toEqual(["SELECT N'Zürich'"]);
      expect(r.hash).toBe(scriptHash(text));
    }
  });

  it('hashes with line endings normalised, and changes with the text', () => {
    expect(scriptHash('a\r\nb\rc\n')).toBe(scriptHash('a\nb\nc\n'));
    expect(scriptHash('a\nb')).not.toBe(scriptHash('a\nb '));
  });

  it('changes the hash when a used variable changes', async () => {
    const a = await read('SELECT $(X)', { X: '1' });
    const b = await read('SELECT $(X)', { X: '2' });
    expect(a.hash).not.toBe(b.hash);
  });
});
