// What the `watch` view shows, folded from its events: what is watched, and the last rounds — each the
// files that changed and what came of them (deployed, the findings, a failure, a note). Pure.
import type { WatchEvent } from '../engine/watch-events.js';
import { watchLines } from './watch-lines.js';

export type RoundLineKind = 'ok' | 'error' | 'warning' | 'note';

export interface WatchRound {
  /** HH:MM:SS of its change (empty for what the first check found). */
  time: string;
  files: string[];
  lines: { kind: RoundLineKind; text: string }[];
}

export interface WatchViewState {
  watching: string[];
  scripts: number;
  ready: boolean;
  rounds: WatchRound[];
}

/** How many rounds the view keeps. */
export const ROUNDS_SHOWN = 6;

export function initialWatchState(): WatchViewState {
  return { watching: [], scripts: 0, ready: false, rounds: [] };
}

const clock = (iso: string): string => (iso.length >= 19 ? iso.slice(11, 19) : '');

function kindOf(e: WatchEvent, text: string): RoundLineKind {
  if (e.type === 'deployed') return 'ok';
  if (e.type === 'deploy-failed') return 'error';
  if (e.type === 'diagnostics') return / error /.test(text) || text.startsWith('Nothing was sent') ? 'error' : text.startsWith('  ') ? 'note' : 'warning';
  return 'note';
}

export function reduceWatch(state: WatchViewState, e: WatchEvent): WatchViewState {
  if (e.type === 'watch-ready') return { ...state, watching: e.watching, scripts: e.scripts, ready: true };
  if (e.type === 'change') return { ...state, rounds: [...state.rounds, { time: clock(e.time), files: e.files, lines: [] }].slice(-ROUNDS_SHOWN) };
  const lines = watchLines(e).map((text) => ({ kind: kindOf(e, text), text }));
  const rounds = state.rounds.length === 0 ? [{ time: '', files: [], lines: [] }] : [...state.rounds];
  const last = rounds[rounds.length - 1] as WatchRound;
  rounds[rounds.length - 1] = { ...last, lines: [...last.lines, ...lines] };
  return { ...state, rounds };
}
