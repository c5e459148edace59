import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../engine/watch-events.js';
import { WatchView } from './ink/watch-view.js';
import { initialWatchState, reduceWatch, ROUNDS_SHOWN } from './watch-state.js';

const events: WatchEvent[] = [
  { type: 'watch-ready', watching: ['sql', 'seeds'], scripts: 12, time: '2026-01-01T10:00:00.000Z' },
  { type: 'change', files: ['sql/programmability/procedures/usp_A.sql'], time: '2026-01-01T10:01:02.000Z' },
  { type: 'deployed', target: 'sql', objects: ['programmability/procedures/usp_A.sql'], batches: 1, ms: 41 },
  { type: 'change', files: ['sql/programmability/views/v.sql'], time: '2026-01-01T10:02:03.000Z' },
  { type: 'diagnostics', diagnostics: [{ file: 'programmability/views/v.sql', line: 3, col: 8, severity: 'error', rule: 'binding', code: 207, message: "Msg 207: Invalid column name 'Nmae'.", hint: 'Use a column the table has.' }] },
];

const render = (list: WatchEvent[]): string => stripVTControlCharacters(renderToString(<WatchView state={list.reduce(reduceWatch, initialWatchState())} />, { columns: 80 }));

describe('the watch view (Ink, rendered to a string at 80 columns)', () => {
  it('shows what is watched, the keys, and each round with its outcome', () => {
    expect(render(events)).toMatchInlineSnapshot(`
      "Watching sql, seeds · 12 scripts
      r send everything again · s seed again · q quit

      10:01:02 sql/programmability/procedures/usp_A.sql
      Deployed to SQL Server in 41 ms, 1 batch: programmability/procedures/usp_A.sql

      10:02:03 sql/programmability/views/v.sql
      programmability/views/v.sql:3:8: error binding: Msg 207: Invalid column name
      'Nmae'.
        Use a column the table has.
      Nothing was sent: fix the errors above and save again."
    `);
  });

  it('keeps the last rounds only', () => {
    const many: WatchEvent[] = [events[0] as WatchEvent];
    for (let k = 0; k < ROUNDS_SHOWN + 3; k++) many.push({ type: 'change', files: [`f${k}.sql`], time: '2026-01-01T10:00:00.000Z' });
    const state = many.reduce(reduceWatch, initialWatchState());
    expect(state.rounds.map((r) => r.files[0])).toEqual(Array.from({ length: ROUNDS_SHOWN }, (_, k) => `f${k + 3}.sql`));
  });
});
