// npm run tsql:scan -- DIR [--errors N] [--opaque]: parses every .sql file under DIR with the T-SQL
// parser and prints each batch's syntax error (file:line:col, message number, the line), a count of
// statements kept opaque by kind, and the totals. For trying the parser on third-party T-SQL kept
// outside the repository (nothing it reads is copied anywhere).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { locateInBatch } from '../../src/tsql/front-end.js';
import { parseBatch } from '../../src/tsql/parser/index.js';
import { readScriptSync } from '../../src/tsql/reader.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (dir === undefined) {
  process.stderr.write('Usage: npm run tsql:scan -- DIR [--errors N] [--opaque]\n');
  process.exit(2);
}
const limitAt = args.indexOf('--errors');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 50;
if (!Number.isInteger(limit) || limit < 0) {
  process.stderr.write('--errors takes a whole number of errors to print (0 for none).\n');
  process.exit(2);
}
const showOpaque = args.includes('--opaque');

const files = readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.sql'))
  .map((e) => join(e.parentPath, e.name))
  .sort();
let batches = 0;
let failed = 0;
let lines = 0;
const opaque = new Map<string, number>();
const started = performance.now();
for (const file of files) {
  const read = readScriptSync(file, { variables: {} });
  for (const batch of read.batches) {
    batches++;
    lines += batch.text.split('\n').length;
    const parsed = parseBatch(batch.text);
    for (const o of parsed.opaque) opaque.set(o.what, (opaque.get(o.what) ?? 0) + 1);
    const e = parsed.error;
    if (e === undefined) continue;
    failed++;
    if (failed <= limit) {
      const text = batch.text.split('\n')[e.line - 1] ?? '';
      const at = locateInBatch(batch, e.line, e.col);
      process.stdout.write(`${at.file}:${at.line}:${at.col}: Msg ${e.code}: ${e.message}\n    ${text.trim().slice(0, 160)}\n`);
    }
  }
}
const ms = performance.now() - started;
if (showOpaque) for (const [what, n] of [...opaque].sort((a, b) => b[1] - a[1])) process.stdout.write(`opaque ${n}\t${what}\n`);
process.stdout.write(`${files.length} files, ${batches} batches, ${lines} lines: ${failed} batches with a syntax error; ${[...opaque.values()].reduce((a, b) => a + b, 0)} opaque statements; ${ms.toFixed(0)} ms\n`);
