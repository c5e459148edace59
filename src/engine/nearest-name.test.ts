import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from './nearest-name.js';

describe('nearestName', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours, case ignored', () => {
    expect(editDistance('status', 'stauts')).toBe(1);
    expect(editDistance('HART_SQL_PORT', 'hart_sql_prot')).toBe(1);
    expect(editDistance('seed', 'send')).toBe(1);
    expect(editDistance('', 'up')).toBe(2);
  });

  it('gives the closest known name within a few edits, or nothing', () => {
    expect(nearestName('stauts', ['up', 'down', 'status', 'seed'])).toBe('status');
    expect(nearestName('HART_SQL_PROT', ['HART_SQL_PORT', 'HART_SQL_URL'])).toBe('HART_SQL_PORT');
    expect(nearestName('deploy', ['up', 'down', 'status'])).toBeUndefined();
  });
});
