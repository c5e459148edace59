// The corpus (test/fixtures/tsql/corpus): valid/ holds statements SQL Server accepts, grouped by
// family: each batch must parse and bind with no error. invalid/ holds cases SQL Server rejects: a
// batch whose first line is `-- expect N` must give SQL Server's message N as its first error; the
// other batches of those files are context (tables the cases use) and must be clean; a batch marked
// `-- gap N: why` is a case the checker does not report as SQL Server does yet (listed, not asserted).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frontEndDiagnostics } from '../front-end.js';
import { readScriptSync } from '../reader.js';
import type { Diagnostic, Script } from '../types.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'tsql', 'corpus');

function filesIn(folder: string): string[] {
  try {
    return readdirSync(join(CORPUS, folder))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => join(CORPUS, folder, f));
  } catch {
    return [];
  }
}

function scriptOf(file: string): Script {
  const read = readScriptSync(file, { variables: {}, root: CORPUS });
  return { path: file, file: resolve(file), kind: 'anytime', hash: read.hash, batches: read.batches };
}

/** The diagnostics of each batch of a script (by the batch's line range), errors first by position. */
function byBatch(script: Script, diagnostics: readonly Diagnostic[]): Diagnostic[][] {
  return script.batches.map((b, k) => {
    const next = script.batches[k + 1];
    const last = next === undefined ? Number.MAX_SAFE_INTEGER : next.line - 1;
    return diagnostics
      .filter((d) => d.file === b.file && d.line >= b.line && d.line <= last && d.severity === 'error')
      .sort((x, y) => x.line - y.line || x.col - y.col);
  });
}

const shown = (d: Diagnostic): string => `${d.file}:${d.line}:${d.col} ${d.code ?? d.rule} ${d.message}`;

describe('corpus: valid T-SQL gives no error', () => {
  const files = filesIn('valid');
  it('has fixtures', () => expect(files.length).toBeGreaterThan(5));
  for (const file of files) {
    it(file.slice(CORPUS.length + 1), () => {
      const script = scriptOf(file);
      const errors = frontEndDiagnostics([{ script, own: true }]).filter((d) => d.severity === 'error');
      expect(errors.map(shown)).toEqual([]);
    });
  }
});

describe('corpus: invalid T-SQL gives the message SQL Server gives', () => {
  const files = filesIn('invalid');
  const gaps: string[] = [];
  afterAll(() => {
    if (gaps.length > 0) console.info(`${gaps.length} known gaps of the checker:\n${gaps.join('\n')}`);
  });
  it('has fixtures', () => expect(files.length).toBeGreaterThan(2));
  for (const file of files) {
    it(file.slice(CORPUS.length + 1), () => {
      const script = scriptOf(file);
      const batches = byBatch(script, frontEndDiagnostics([{ script, own: true }]));
      const wrong: string[] = [];
      script.batches.forEach((b, k) => {
        const expected = /^\s*--\s*expect\s+(\d+)/i.exec(b.text)?.[1];
        const found = batches[k] ?? [];
        // `-- gap N: why` marks a case SQL Server rejects that the checker does not report as N yet:
        // listed, not asserted, so the gaps stay visible and shrink.
        const gap = /^\s*--\s*gap\s+(\d+):\s*(.*)$/im.exec(b.text);
        if (gap !== null) {
          // A gap that is closed must say so: the case then becomes `-- expect N`.
          if (found[0]?.code === Number(gap[1])) wrong.push(`line ${b.line}: the gap is closed (Msg ${gap[1]} is reported): change it to -- expect ${gap[1]}`);
          else gaps.push(`${file.slice(CORPUS.length + 1)}:${b.line} Msg ${gap[1]}: ${gap[2] ?? ''}`);
          return;
        }
        if (expected === undefined) {
          if (found.length > 0) wrong.push(`context batch at line ${b.line} is not clean: ${found.map(shown).join('; ')}`);
        } else if (found[0]?.code !== Number(expected)) {
          wrong.push(`line ${b.line}: expected ${expected}, got ${found[0] === undefined ? 'nothing' : shown(found[0])}`);
        }
      });
      expect(wrong).toEqual([]);
    });
  }
});
