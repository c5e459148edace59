// `snapshot list`: the manifest's snapshots as a table (or one block per snapshot when the table is
// wider than the terminal), newest last; --json gives the manifest entries as they are.
import type { SnapshotEntry } from '../snapshot/manifest.js';
import { formatBytes as size } from '../phases/snapshot-save.js';
import { displayWidth, wrapLine } from '../ui/wrap.js';

/** "2026-12-04 19:05" in UTC, so the list reads the same on every machine. */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

function cells(entry: SnapshotEntry): string[] {
  return [
    entry.name,
    when(entry.createdAt),
    entry.sql === undefined ? '-' : `${entry.sql.database} ${size(entry.sql.bytes)}`,
    entry.graph === undefined ? '-' : `${entry.graph.nodes} nodes ${size(entry.graph.bytes)}`,
    entry.message ?? '',
  ];
}

const HEADER = ['NAME', 'CREATED', 'DATABASE', 'GRAPH', 'MESSAGE'];

export function snapshotListLines(entries: readonly SnapshotEntry[], columns: number): string[] {
  const rows = entries.map(cells);
  const widths = HEADER.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (c: string[]): string => c.map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(v)))).join('  ').trimEnd();
  const table = [line(HEADER), ...rows.map(line)];
  if (table.every((l) => displayWidth(l) <= columns)) return table;
  return entries.flatMap((entry) => {
    const [name, created, database, graph, message] = cells(entry);
    return [
      ...wrapLine(`${name ?? ''}  ${created ?? ''}`, { width: columns, hang: 2 }),
      ...wrapLine(`  database  ${database ?? '-'}`, { width: columns, hang: 12 }),
      ...wrapLine(`  graph     ${graph ?? '-'}`, { width: columns, hang: 12 }),
      ...(message === undefined || message === '' ? [] : wrapLine(`  message   ${message}`, { width: columns, hang: 12 })),
    ];
  });
}
