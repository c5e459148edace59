// The interactive view: pure components of a RunState at a moment `now`. Finished rows go to
// <Static> (printed once, scrolled away naturally), live rows are redrawn below them. Every line is
// wrapped to the terminal's columns by the one wrapping helper (wrap.ts), with a hanging indent.
import { Box, Static, Text, type TextProps } from 'ink';
import { formatLocation, type ErrorInfo } from '../../engine/errors.js';
import type { SummaryLine } from '../../engine/events.js';
import { formatCount, formatDuration, progressBar } from '../format.js';
import { STOPPING } from '../renderer.js';
import { neverStarted, notStartedLine } from '../not-started.js';
import { runLevelError, type PhaseRow, type RunState } from '../run-state.js';
import { displayWidth, FALLBACK_COLUMNS, wrapSpans, type Span } from '../wrap.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function spinnerFrame(now: number): string {
  return SPINNER[Math.floor(now / 80) % SPINNER.length] ?? '⠋';
}

type Style = Pick<TextProps, 'color' | 'dimColor' | 'bold'>;
type Spans = Span<Style>[];

const DIM: Style = { dimColor: true };

const lineWidth = (line: Spans): number => line.reduce((w, span) => w + displayWidth(span.text), 0);

/** Lines of styled text, one <Text> per line; a line wider than `width` (a command to copy) overflows whole. */
function Lines({ lines, width }: { lines: Spans[]; width: number }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => {
        const text = (
          <Text>
            {line.map((span, j) => (
              <Text key={j} {...span.style}>
                {span.text}
              </Text>
            ))}
          </Text>
        );
        const w = lineWidth(line);
        return w > width ? (
          <Box key={i} width={w} flexShrink={0}>
            {text}
          </Box>
        ) : (
          <Box key={i}>{text}</Box>
        );
      })}
    </Box>
  );
}

/** Styled text wrapped to `width` columns by the wrapping helper. */
function Wrapped({ spans, width, hang = 0 }: { spans: Spans; width: number; hang?: number }) {
  return <Lines lines={wrapSpans(spans, { width, hang })} width={width} />;
}

/** The icon and the row's text: continuation lines start under the text. */
function Row({ icon, spans, width }: { icon: Span<Style>; spans: Spans; width: number }) {
  return <Wrapped spans={[icon, { text: ' ' }, ...spans]} width={width} hang={displayWidth(icon.text) + 1} />;
}

function FinishedRow({ row, columns }: { row: PhaseRow; columns: number }) {
  const time: Span<Style> = { text: ` ${formatDuration(row.durationMs ?? 0)}`, style: DIM };
  switch (row.status) {
    case 'done':
      return <Row icon={{ text: '✔', style: { color: 'green' } }} spans={[{ text: row.title }, time, ...(row.message === undefined ? [] : [{ text: ` ${row.message}`, style: DIM }])]} width={columns} />;
    case 'skipped':
      return <Row icon={{ text: '↷', style: { color: 'yellow' } }} spans={[{ text: `${row.title} ` }, { text: `skipped: ${row.message ?? ''}`, style: DIM }]} width={columns} />;
    case 'cancelled':
      return <Row icon={{ text: '■', style: { color: 'gray' } }} spans={[{ text: `${row.title} ` }, { text: row.message ?? 'cancelled', style: DIM }]} width={columns} />;
    default:
      return (
        <Box flexDirection="column">
          <Row icon={{ text: '✖', style: { color: 'red' } }} spans={[{ text: row.title }, time]} width={columns} />
          {row.error === undefined ? null : <FailurePanel error={row.error} logs={row.logs} columns={columns} />}
        </Box>
      );
  }
}

/** Columns the panel takes around its text: the margin, the border and the padding on both sides. */
const PANEL_FRAME = 6;

export function FailurePanel({ error, logs, columns = FALLBACK_COLUMNS }: { error: ErrorInfo; logs: readonly string[]; columns?: number }) {
  const width = Math.max(1, columns - PANEL_FRAME);
  const wrap = (spans: Spans, hang: number): Spans[] => wrapSpans(spans, { width, hang });
  const head = [
    ...wrap([{ text: error.message, style: { color: 'red', bold: true } }], 2),
    ...(error.location === undefined ? [] : wrap([{ text: `at ${formatLocation(error.location)}` }], 3)),
    ...(error.details ?? []).flatMap((line) => wrap([{ text: line }], 2)),
    ...(error.hint === undefined ? [] : wrap([{ text: `→ ${error.hint}`, style: { color: 'cyan' } }], 2)),
  ];
  const tail = logs.length === 0 ? [] : [[{ text: 'Last log lines:', style: DIM }], ...logs.flatMap((line) => wrap([{ text: line, style: DIM }], 2))];
  // As wide as its text, never wider than the terminal: a longer line (a command to copy) runs past the border whole.
  const fitting = [...head, ...tail].map(lineWidth).filter((w) => w <= width);
  const panelWidth = Math.min(columns - 2, Math.max(0, ...fitting) + PANEL_FRAME - 2);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} marginLeft={2} width={panelWidth}>
      <Lines lines={head} width={width} />
      {tail.length === 0 ? null : (
        <Box flexDirection="column" marginTop={1}>
          <Lines lines={tail} width={width} />
        </Box>
      )}
    </Box>
  );
}

function LiveRow({ row, now, columns }: { row: PhaseRow; now: number; columns: number }) {
  if (row.status === 'pending') {
    return <Row icon={{ text: '·', style: DIM }} spans={[{ text: `${row.title}${row.needs.length === 0 ? '' : ` (after ${row.needs.join(', ')})`}`, style: DIM }]} width={columns} />;
  }
  const elapsed = formatDuration(now - (row.startedAt ?? now));
  const progress = row.progress;
  const progressSpans: Spans =
    progress === undefined
      ? []
      : progress.total === undefined
        ? [{ text: ` ${formatCount(progress.done, undefined, progress.unit)}`, style: DIM }]
        : [{ text: ' ' }, { text: progressBar(progress.done, progress.total), style: { color: 'cyan' } }, { text: ` ${formatCount(progress.done, progress.total, progress.unit)}` }];
  return (
    <Box flexDirection="column">
      <Row icon={{ text: spinnerFrame(now), style: { color: 'cyan' } }} spans={[{ text: `${row.title} ` }, { text: elapsed, style: DIM }, ...progressSpans]} width={columns} />
      {row.statusLine === undefined ? null : <Wrapped spans={[{ text: `  ${row.statusLine}`, style: DIM }]} width={columns} hang={4} />}
    </Box>
  );
}

function Summary({ lines, columns }: { lines: readonly SummaryLine[]; columns: number }) {
  const width = Math.max(...lines.map((l) => displayWidth(l.label))) + 2;
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((line, i) => (
        <Wrapped
          key={i}
          spans={[{ text: line.label + ' '.repeat(width - displayWidth(line.label)), style: { bold: true } }, line.copy === true ? { text: line.value, whole: true } : { text: line.value }]}
          width={columns}
          hang={width}
        />
      ))}
    </Box>
  );
}

function FinalLine({ state, columns }: { state: RunState; columns: number }) {
  const finished = state.finished;
  if (finished === undefined) return null;
  const time = formatDuration(finished.durationMs);
  const command = state.command === '' ? 'hart-dev' : state.command;
  if (finished.status === 'success') return <Wrapped spans={[{ text: `✔ ${command} finished in ${time}`, style: { color: 'green' } }]} width={columns} hang={2} />;
  if (finished.status === 'interrupted') {
    return <Wrapped spans={[{ text: `■ ${command} interrupted after ${time}: nothing unfinished was recorded as done`, style: { color: 'yellow' } }]} width={columns} hang={2} />;
  }
  return <Wrapped spans={[{ text: `✖ ${command} failed after ${time} (exit code ${finished.exitCode})`, style: { color: 'red' } }]} width={columns} hang={2} />;
}

export function RunView({ state, now, stopping = false, columns = FALLBACK_COLUMNS }: { state: RunState; now: number; stopping?: boolean; columns?: number }) {
  const finishedRows = state.finishedOrder.flatMap((id) => state.rows.filter((r) => r.id === id && !neverStarted(r)));
  const notStarted = notStartedLine(state);
  const liveRows = state.rows.filter((r) => r.status === 'pending' || r.status === 'running');
  const runError = runLevelError(state);
  return (
    <>
      <Static items={finishedRows}>{(row) => <FinishedRow key={row.id} row={row} columns={columns} />}</Static>
      {liveRows.map((row) => (
        <LiveRow key={row.id} row={row} now={now} columns={columns} />
      ))}
      {notStarted === undefined ? null : <Row icon={{ text: '■', style: { color: 'gray' } }} spans={[{ text: notStarted, style: DIM }]} width={columns} />}
      {stopping && state.finished === undefined ? <Text color="yellow">{STOPPING}</Text> : null}
      {runError === undefined ? null : <FailurePanel error={runError} logs={[]} columns={columns} />}
      {state.summary.length === 0 ? null : <Summary lines={state.summary} columns={columns} />}
      <FinalLine state={state} columns={columns} />
    </>
  );
}
