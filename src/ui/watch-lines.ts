// `watch` events as plain lines (a pipe, CI, and the terminal): one line per event, a finding as
// `check` prints it (file:line:col: severity rule: message, then the hint).
import type { WatchEvent } from '../engine/watch-events.js';

const list = (items: readonly string[], max = 6): string => (items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`);

export function watchLines(e: WatchEvent): string[] {
  switch (e.type) {
    case 'watch-ready':
      return [`Watching ${e.watching.join(', ')} (${e.scripts} scripts). Save a file to check it and send it.`];
    case 'change':
      return [`Changed: ${list(e.files)}`];
    case 'diagnostics':
      return e.diagnostics.flatMap((d) => {
        const lines = [`${d.file}:${d.line}:${d.col}: ${d.severity} ${d.rule}: ${d.message}`];
        if (d.hint !== undefined) lines.push(`  ${d.hint}`);
        return lines;
      }).concat(e.diagnostics.some((d) => d.severity === 'error') ? ['Nothing was sent: fix the errors above and save again.'] : []);
    case 'deployed': {
      const what = e.objects.length === 0 ? 'nothing to change' : list(e.objects);
      const batches = e.batches > 0 ? `, ${e.batches} ${e.batches === 1 ? 'batch' : 'batches'}` : '';
      return [`Deployed to ${e.target === 'graph' ? 'Neo4j' : e.target === 'clr' ? 'SQL Server (CLR)' : 'SQL Server'} in ${e.ms} ms${batches}: ${what}`];
    }
    case 'deploy-failed': {
      const at = e.file === undefined ? '' : ` (${e.file}${e.line === undefined ? '' : `:${e.line}`})`;
      const lines = [`Failed (${e.target}): ${e.message}${at}`];
      if (e.hint !== undefined) lines.push(`  ${e.hint}`);
      return lines;
    }
    case 'note':
      return [e.message];
  }
}
