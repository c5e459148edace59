// The persistent `watch` view: what is watched and the keys, then the last rounds, newest last.
import { Box, Text } from 'ink';
import type { RoundLineKind, WatchViewState } from '../watch-state.js';

const COLORS: Record<RoundLineKind, string | undefined> = { ok: 'green', error: 'red', warning: 'yellow', note: undefined };

export function WatchView({ state }: { state: WatchViewState }) {
  return (
    <Box flexDirection="column">
      <Text bold>{state.ready ? `Watching ${state.watching.join(', ')} · ${state.scripts} scripts` : 'Loading and checking the payload…'}</Text>
      <Text dimColor>r send everything again · s seed again · q quit</Text>
      {state.rounds.map((round, k) => (
        <Box key={k} flexDirection="column" marginTop={1}>
          {round.files.length > 0 ? (
            <Text>
              <Text dimColor>{round.time} </Text>
              {round.files.join(', ')}
            </Text>
          ) : null}
          {round.lines.map((line, j) => (
            <Text key={j} {...(COLORS[line.kind] === undefined ? { dimColor: line.kind === 'note' } : { color: COLORS[line.kind] })} wrap="wrap">
              {line.text}
            </Text>
          ))}
          {round.lines.length === 0 && round.files.length > 0 ? <Text dimColor>checking…</Text> : null}
        </Box>
      ))}
    </Box>
  );
}
