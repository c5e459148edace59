// npm run bench:tsql-mutations — which share of syntax errors `hart-dev check` finds. The generator
// (test/support/tsql-mutations.ts) makes single-edit mutations of the payload under sql/ that SQL
// Server's parser certainly rejects (a keyword misspelt, a parenthesis dropped, a string left open, …),
// `--count N` of them in all (default 400) taken in turn from each class, seeded by `--seed S`
// (default 1). `--sql-dir D` mutates another payload folder instead (it is copied, links followed:
// the folder itself is never written). Each one is written into one copy of the payload in a temporary folder (one file
// changed, restored after), loaded and checked in this process as the CLI does; it counts as flagged
// when check reports an error in the mutated file that it does not report for the original file
// (same rule and message). Printed: flagged/total, per class, the rules that flagged, and with
// `--misses` the first 40 misses. Runs the built JS (dist/).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

type PayloadModule = typeof import('../src/tsql/payload.js');
type CheckModule = typeof import('../src/tsql/check.js');
type LexerModule = typeof import('../src/tsql/lexer.js');
type SupportModule = typeof import('../src/tsql/test-support.js');
type MutationsModule = typeof import('../test/support/tsql-mutations.js');
type Diagnostic = import('../src/tsql/types.js').Diagnostic;
type Mutation = import('../test/support/tsql-mutations.js').Mutation;

const payload: PayloadModule = await import(new URL('../dist/tsql/payload.js', import.meta.url).href);
const checker: CheckModule = await import(new URL('../dist/tsql/check.js', import.meta.url).href);
const lexer: LexerModule = await import(new URL('../dist/tsql/lexer.js', import.meta.url).href);
// The unit tests' random generator is test-only code, not in the build: run from its source (it imports nothing).
const support: SupportModule = await import(new URL('../src/tsql/test-support.ts', import.meta.url).href);
// The generator is TypeScript run through Node's type stripping: it imports nothing from src/ at run
// time and gets the built lexer and PRNG from here.
const mutations: MutationsModule = await import(new URL('../test/support/tsql-mutations.ts', import.meta.url).href);

const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));
const MISSES_SHOWN = 40;

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '400' },
    seed: { type: 'string', default: '1' },
    misses: { type: 'boolean', default: false },
    'sql-dir': { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) throw new Error('--count takes a positive integer, --seed an integer');

/** The key a finding is compared by: the same rule and message, wherever the edit moved it. */
const keyOf = (d: Diagnostic): string => `${d.rule}\u0000${d.message}`;

/**
 * Copies a folder with every link followed, at any depth: the mutated files are then this copy's own
 * (cpSync's `dereference` follows only a link given as the source itself, not links inside it).
 */
function copyFollowingLinks(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) copyFollowingLinks(source, join(to, name));
    else writeFileSync(join(to, name), readFileSync(source));
  }
}

/** Loads and checks the payload folder as `hart-dev check` does. */
async function check(dir: string): Promise<Diagnostic[]> {
  return checker.checkPayload(await payload.loadPayloadPlan(dir, { variables: {} }));
}

const dir = mkdtempSync(join(tmpdir(), 'hart-bench-tsql-mutations-'));
try {
  copyFollowingLinks(values['sql-dir'] ?? SQL_DIR, dir);
  const started = performance.now();

  // The original payload: its errors per file are the baseline a mutation's findings are compared with.
  const original = await check(dir);
  const baseline = new Map<string, Set<string>>();
  for (const d of original) if (d.severity === 'error') baseline.set(d.file, (baseline.get(d.file) ?? new Set()).add(keyOf(d)));
  const originalErrors = original.filter((d) => d.severity === 'error');
  console.log(`original payload: ${originalErrors.length} errors, ${original.length - originalErrors.length} warnings${originalErrors.length === 0 ? ' (any error in a mutated file counts)' : ' (an error counts when the original file lacks its rule and message)'}`);
  for (const d of originalErrors.slice(0, 10)) console.log(`  ${d.file}:${d.line}:${d.col} ${d.rule} ${d.message}`);

  // The files check loads (every phase), as the generator's sources.
  const plan = await payload.loadPayloadPlan(dir, { variables: {} });
  const paths = [...plan.clrBindings, ...plan.migrations, ...plan.broker, ...plan.programmability].map((s) => s.path).sort();
  const sources = paths.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
  const chosen = mutations.generateMutations({ lex: lexer.lex, random: support.random }, sources, { seed, count });

  const results: { m: Mutation; flagged: boolean; rules: string[]; line: string }[] = [];
  for (const m of chosen) {
    const source = sources.find((s) => s.file === m.file);
    if (source === undefined) continue;
    const file = join(dir, m.file);
    const mutated = mutations.applyMutation(source.text, m);
    writeFileSync(file, mutated);
    try {
      const known = baseline.get(m.file) ?? new Set<string>();
      const found = (await check(dir)).filter((d) => d.severity === 'error' && d.file === m.file && !known.has(keyOf(d)));
      results.push({ m, flagged: found.length > 0, rules: [...new Set(found.map((d) => d.rule))], line: mutated.split('\n')[m.line - 1] ?? '' });
    } finally {
      writeFileSync(file, source.text);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const pct = (n: number, of: number): string => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)} %`);
  const flagged = results.filter((r) => r.flagged).length;
  console.log(`seed ${seed}, ${results.length} mutations over ${sources.length} files, ${seconds.toFixed(1)} s`);
  console.log(`flagged: ${flagged}/${results.length} (${pct(flagged, results.length)})`);
  console.log('class                   flagged   total  share');
  for (const cls of mutations.MUTATION_CLASSES) {
    const of = results.filter((r) => r.m.class === cls);
    const hit = of.filter((r) => r.flagged).length;
    console.log(`${cls.padEnd(22)} ${String(hit).padStart(8)} ${String(of.length).padStart(7)}  ${pct(hit, of.length).padStart(7)}`);
  }
  const byRule = new Map<string, number>();
  for (const r of results) for (const rule of r.rules) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  if (byRule.size > 0) console.log(`flagged by rule: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
  if (values.misses) {
    const misses = results.filter((r) => !r.flagged);
    console.log(`first ${Math.min(MISSES_SHOWN, misses.length)} of ${misses.length} misses:`);
    for (const r of misses.slice(0, MISSES_SHOWN)) console.log(`  ${r.m.file}:${r.m.line}:${r.m.col}  ${r.m.class}  ${r.m.description}\n      ${r.line.trim()}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
