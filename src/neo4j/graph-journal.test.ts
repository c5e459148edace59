// The graph seed's fingerprint: what makes a second `up` skip the graph seed, and what makes it write.
import { describe, expect, it } from 'vitest';
import { graphSeedHash } from './graph-journal.js';

const SETTINGS = { count: 300, dim: 64, topics: 6, seed: 11 };

describe('graph seed fingerprint', () => {
  it('is the same for the same settings and k, so an unchanged seed is skipped', () => {
    expect(graphSeedHash({ ...SETTINGS }, 5)).toBe(graphSeedHash(SETTINGS, 5));
    expect(graphSeedHash(SETTINGS, 5)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every generator setting and with k, so a changed seed writes', () => {
    const base = graphSeedHash(SETTINGS, 5);
    const changed = [
      graphSeedHash({ ...SETTINGS, count: 301 }, 5),
      graphSeedHash({ ...SETTINGS, dim: 32 }, 5),
      graphSeedHash({ ...SETTINGS, topics: 7 }, 5),
      graphSeedHash({ ...SETTINGS, seed: 12 }, 5),
      graphSeedHash(SETTINGS, 4),
    ];
    expect(changed).not.toContain(base);
    expect(new Set(changed).size).toBe(changed.length);
  });
});
