// Non-interactive output (CI, pipes): one line per change in listr2's verbose style
// ("[STARTED] title", "[COMPLETED] title [1.2s]"), written by listr2's own logger so CI logs look
// like every other listr2 tool. Progress is printed in tenths so a long pull does not flood the log;
// log lines are kept and shown only when their phase fails. Lines are wrapped to the terminal's
// columns (80 in a pipe) with a hanging indent, by the same helper as every other output.
import type { Writable } from 'node:stream';
import { ListrLogger, ListrLogLevels } from 'listr2';
import { formatLocation } from '../engine/errors.js';
import type { ErrorInfo } from '../engine/errors.js';
import { formatCount, formatDuration } from './format.js';
import { STOPPING, type Renderer } from './renderer.js';
import { notStartedLine } from './not-started.js';
import { initialRunState, reduceRun, runLevelError, type RunState } from './run-state.js';
import { terminalColumns, wrapLine, wrapSpans } from './wrap.js';

/** listr2's logger formats a line; we decide where it goes (the command's stderr, not process.stderr). */
class LineLogger extends ListrLogger<ListrLogLevels> {
  line(level: ListrLogLevels, message: string): string {
    return this.format(level, message);
  }
}

export interface PlainRendererOptions {
  /** The command's name, for the final line when the run fails before it starts. */
  command?: string;
  now?: () => number;
  /** The width to wrap at (default: the terminal's columns, 80 when stderr is not a TTY). */
  columns?: number;
}

export function createPlainRenderer(stderr: Writable, options: PlainRendererOptions = {}): Renderer {
  const now = options.now ?? (() => performance.now());
  const logger = new LineLogger({ useIcons: false });
  let state: RunState = initialRunState(options.command);
  const tenths = new Map<string, number>();
  const columns = options.columns ?? terminalColumns(stderr);
  const writeLines = (lines: readonly string[]): void => {
    for (const line of lines) stderr.write(`${line}\n`);
  };
  /** One line, wrapped: continuation lines start under the text after "[LEVEL] " or the indentation. */
  const write = (text: string, hang?: number): void => {
    const under = hang ?? (/^\[[A-Z]+\] /.exec(text)?.[0].length ?? text.length - text.trimStart().length + 2);
    writeLines(wrapLine(text, { width: columns, hang: under }));
  };
  const title = (id: string): string => state.rows.find((r) => r.id === id)?.title ?? id;
  const errorLines = (error: ErrorInfo, logs: readonly string[]): string[] => [
    `  ${error.message}`,
    ...(error.location === undefined ? [] : [`  at ${formatLocation(error.location)}`]),
    ...(error.details ?? []).map((d) => `  ${d}`),
    ...(error.hint === undefined ? [] : [`  → ${error.hint}`]),
    ...(logs.length === 0 ? [] : ['  Last log lines:', ...logs.map((l) => `    ${l}`)]),
  ];

  return {
    handle(event) {
      const before = state;
      state = reduceRun(state, event, now());
      switch (event.type) {
        case 'run-started':
          break;
        case 'phase-started':
          write(logger.line(ListrLogLevels.STARTED, title(event.id)));
          break;
        case 'phase-status':
          write(logger.line(ListrLogLevels.OUTPUT, `${title(event.id)}: ${event.message}`));
          break;
        case 'phase-progress': {
          if (event.total === undefined || event.total <= 0) break;
          const tenth = Math.floor((event.done / event.total) * 10);
          if (tenths.get(event.id) === tenth) break;
          tenths.set(event.id, tenth);
          write(logger.line(ListrLogLevels.OUTPUT, `${title(event.id)}: ${formatCount(event.done, event.total, event.unit)}`));
          break;
        }
        case 'phase-log':
          break;
        case 'phase-finished': {
          const name = title(event.id);
          const time = `[${formatDuration(event.durationMs)}]`;
          if (event.status === 'done') {
            write(logger.line(ListrLogLevels.COMPLETED, `${name}${event.message === undefined ? '' : `: ${event.message}`} ${time}`));
          } else if (event.status === 'skipped') {
            write(logger.line(ListrLogLevels.SKIPPED, `${name}: ${event.message ?? 'skipped'}`));
          } else if (event.status === 'cancelled') {
            // A phase that never started is counted in one line at the end.
            if (before.rows.find((r) => r.id === event.id)?.startedAt === undefined) break;
            write(logger.line(ListrLogLevels.CANCELLED, `${name}: ${event.message ?? 'cancelled'}`));
          } else {
            write(logger.line(ListrLogLevels.FAILED, `${name} ${time}`));
            const logs = before.rows.find((r) => r.id === event.id)?.logs ?? [];
            if (event.error !== undefined) for (const line of errorLines(event.error, logs)) write(line);
          }
          break;
        }
        case 'summary':
          for (const line of event.lines) {
            const label = `${line.label}: `;
            const spans = [{ text: label }, line.copy === true ? { text: line.value, whole: true } : { text: line.value }];
            writeLines(wrapSpans(spans, { width: columns, hang: label.length }).map((l) => l.map((s) => s.text).join('')));
          }
          break;
        case 'run-finished': {
          const notStarted = notStartedLine(state);
          if (notStarted !== undefined) write(logger.line(ListrLogLevels.CANCELLED, notStarted));
          const runError = runLevelError(state);
          if (runError !== undefined) {
            write(logger.line(ListrLogLevels.FAILED, runError.message));
            for (const line of errorLines(runError, []).slice(1)) write(line);
          }
          const command = state.command === '' ? 'hart-dev' : state.command;
          const verdict = event.status === 'success' ? 'finished' : event.status === 'interrupted' ? 'interrupted' : 'failed';
          write(`${command} ${verdict} in ${formatDuration(event.durationMs)}${event.exitCode === 0 ? '' : ` (exit code ${event.exitCode})`}`);
          break;
        }
      }
    },
    stopping() {
      write(STOPPING);
    },
    async close() {},
  };
}
