// `plan` as text for a terminal: the phases, then each SQL phase script by script (file, kind, hash)
// with a row per batch (line, repeat count, its first line cut to the row), then the Cypher statements
// of the graph phases. Every row is wrapped to the terminal's width under its text.
import type { PhaseInfo } from '../engine/events.js';
import type { Script } from '../tsql/types.js';
import { truncateEnd, wrapLine, wrapSpans } from '../ui/wrap.js';
import type { PlannedCypher } from './plan-cypher.js';

/** A batch's first line that is not blank, cut to what is left of the row (at least 20 columns). */
const firstLine = (text: string, room: number): string => truncateEnd((text.split('\n').find((l) => l.trim() !== '') ?? '').trim(), Math.max(20, room));

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function phaseLines(phases: readonly PhaseInfo[], columns: number): string[] {
  const width = Math.max(...phases.map((p) => p.id.length)) + 2;
  return [
    'Phases:',
    ...phases.flatMap((p) =>
      wrapLine(`  ${p.id.padEnd(width)}${p.title}${p.needs.length > 0 ? ` (after ${p.needs.join(', ')})` : ''}`, { width: columns, hang: 2 + width }),
    ),
  ];
}

function scriptLines(phase: string, scripts: readonly Script[], columns: number): string[] {
  const count = scripts.reduce((n, s) => n + s.batches.length, 0);
  const lines = ['', `${phase}: ${plural(scripts.length, 'script', 'scripts')}, ${plural(count, 'batch', 'batches')}`];
  for (const s of scripts) {
    const file = s.batches[0]?.file ?? s.path;
    // The kind and the hash stay together: on the file's line when they fit, else on the next.
    const header = wrapSpans([{ text: `  ${file}  ` }, { text: `${s.kind}  ${s.hash.slice(0, 12)}`, whole: true }], { width: columns, hang: 4 });
    lines.push(...header.map((line) => line.map((span) => span.text).join('')));
    const where = s.batches.map((b) => (b.file === file ? String(b.line) : `${b.file}:${b.line}`));
    const whereWidth = Math.max(...where.map((w) => w.length));
    s.batches.forEach((b, i) => {
      const head = `    ${(where[i] ?? '').padStart(whereWidth)}${b.count > 1 ? ` ×${b.count}` : ''}  `;
      lines.push(...wrapLine(`${head}${firstLine(b.text, columns - head.length)}`, { width: columns, hang: head.length }));
    });
  }
  return lines;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function cypherLines(statements: readonly PlannedCypher[], columns: number): string[] {
  const lines: string[] = [];
  for (const phase of ['neo4j-schema', 'neo4j-seed'] as const) {
    const list = statements.filter((s) => s.phase === phase);
    if (list.length === 0) continue;
    lines.push('', `${phase}: ${plural(list.length, 'Cypher statement', 'Cypher statements')}${phase === 'neo4j-seed' ? ', the data ones run with their rows in batches' : ''}`);
    let file: string | undefined;
    for (const s of list) {
      if (s.file !== undefined && s.file !== file) {
        file = s.file;
        lines.push(`  ${file}`);
      }
      const head = s.line !== undefined ? `    ${String(s.line).padStart(3)}  ` : '    ';
      if (s.step !== undefined) lines.push(`  ${s.step}:`);
      lines.push(...wrapLine(`${head}${oneLine(s.text)}`, { width: columns, hang: head.length }));
    }
  }
  return lines;
}

export function planLines(
  phases: readonly PhaseInfo[],
  sql: readonly { phase: string; scripts: Script[] }[],
  cypher: readonly PlannedCypher[],
  columns: number,
): string[] {
  return [...phaseLines(phases, columns), ...sql.flatMap(({ phase, scripts }) => scriptLines(phase, scripts, columns)), ...cypherLines(cypher, columns)];
}
