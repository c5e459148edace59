// The interactive view: pure components of a RunState at a moment `now`. Finished rows go to
// <Static> (printed once, scrolled away naturally), live rows are redrawn below them.
import { Box, Static, Text } from 'ink';
import { formatLocation, type ErrorInfo } from '../../engine/errors.js';
import type { SummaryLine } from '../../engine/events.js';
import { formatCount, formatDuration, progressBar } from '../format.js';
import { STOPPING } from '../renderer.js';
import { runLevelError, type PhaseRow, type RunState } from '../run-state.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function spinnerFrame(now: number): string {
  return SPINNER[Math.floor(now / 80) % SPINNER.length] ?? '⠋';
}

function FinishedRow({ row }: { row: PhaseRow }) {
  const time = <Text dimColor> {formatDuration(row.durationMs ?? 0)}</Text>;
  switch (row.status) {
    case 'done':
      return (
        <Text>
          <Text color="green">✔</Text> {row.title}
          {time}
          {row.message === undefined ? null : <Text dimColor> {row.message}</Text>}
        </Text>
      );
    case 'skipped':
      return (
        <Text>
          <Text color="yellow">↷</Text> {row.title} <Text dimColor>skipped: {row.message ?? ''}</Text>
        </Text>
      );
    case 'cancelled':
      return (
        <Text>
          <Text color="gray">■</Text> {row.title} <Text dimColor>{row.message ?? 'cancelled'}</Text>
        </Text>
      );
    default:
      return (
        <Box flexDirection="column">
          <Text>
            <Text color="red">✖</Text> {row.title}
            {time}
          </Text>
          {row.error === undefined ? null : <FailurePanel error={row.error} logs={row.logs} />}
        </Box>
      );
  }
}

export function FailurePanel({ error, logs }: { error: ErrorInfo; logs: readonly string[] }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} marginLeft={2}>
      <Text color="red" bold>
        {error.message}
      </Text>
      {error.location === undefined ? null : <Text>at {formatLocation(error.location)}</Text>}
      {(error.details ?? []).map((line, i) => (
        <Text key={`d${i}`}>{line}</Text>
      ))}
      {error.hint === undefined ? null : <Text color="cyan">→ {error.hint}</Text>}
      {logs.length === 0 ? null : (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>Last log lines:</Text>
          {logs.map((line, i) => (
            <Text key={`l${i}`} dimColor wrap="truncate-end">
              {line}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}

function LiveRow({ row, now }: { row: PhaseRow; now: number }) {
  if (row.status === 'pending') {
    return (
      <Text dimColor>
        · {row.title}
        {row.needs.length === 0 ? '' : ` (after ${row.needs.join(', ')})`}
      </Text>
    );
  }
  const elapsed = formatDuration(now - (row.startedAt ?? now));
  const progress = row.progress;
  return (
    <Box flexDirection="column">
      <Text>
        <Text color="cyan">{spinnerFrame(now)}</Text> {row.title} <Text dimColor>{elapsed}</Text>
        {progress === undefined ? null : progress.total === undefined ? (
          <Text dimColor> {formatCount(progress.done, undefined, progress.unit)}</Text>
        ) : (
          <Text>
            {' '}
            <Text color="cyan">{progressBar(progress.done, progress.total)}</Text> {formatCount(progress.done, progress.total, progress.unit)}
          </Text>
        )}
      </Text>
      {row.statusLine === undefined ? null : (
        <Text dimColor wrap="truncate-end">
          {'  '}
          {row.statusLine}
        </Text>
      )}
    </Box>
  );
}

function Summary({ lines }: { lines: readonly SummaryLine[] }) {
  const width = Math.max(...lines.map((l) => l.label.length)) + 2;
  return (
    <Box flexDirection="column" marginTop={1}>
      {lines.map((line, i) => (
        <Text key={i}>
          <Text bold>{line.label.padEnd(width)}</Text>
          {line.value}
        </Text>
      ))}
    </Box>
  );
}

function FinalLine({ state }: { state: RunState }) {
  const finished = state.finished;
  if (finished === undefined) return null;
  const time = formatDuration(finished.durationMs);
  const command = state.command === '' ? 'hart-dev' : state.command;
  if (finished.status === 'success') return <Text color="green">✔ {command} finished in {time}</Text>;
  if (finished.status === 'interrupted') return <Text color="yellow">■ {command} interrupted after {time}: nothing unfinished was recorded as done</Text>;
  return <Text color="red">✖ {command} failed after {time} (exit code {finished.exitCode})</Text>;
}

export function RunView({ state, now, stopping = false }: { state: RunState; now: number; stopping?: boolean }) {
  const finishedRows = state.finishedOrder.flatMap((id) => state.rows.filter((r) => r.id === id));
  const liveRows = state.rows.filter((r) => r.status === 'pending' || r.status === 'running');
  const runError = runLevelError(state);
  return (
    <>
      <Static items={finishedRows}>{(row) => <FinishedRow key={row.id} row={row} />}</Static>
      {liveRows.map((row) => (
        <LiveRow key={row.id} row={row} now={now} />
      ))}
      {stopping && state.finished === undefined ? <Text color="yellow">{STOPPING}</Text> : null}
      {runError === undefined ? null : <FailurePanel error={runError} logs={[]} />}
      {state.summary.length === 0 ? null : <Summary lines={state.summary} />}
      <FinalLine state={state} />
    </>
  );
}
