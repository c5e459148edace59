import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { renderEnvExample } from './env-example.js';
import { VARIABLES } from './variables.js';

const file = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

describe('.env.example', () => {
  it('is the one generated from VARIABLES (run `npm run env:example` after changing a variable)', () => {
    expect(file).toBe(renderEnvExample());
  });

  it('lists every variable with a comment, and its default as the value', () => {
    const values = parse(file);
    for (const spec of VARIABLES) {
      expect(file).toContain(`# ${spec.description}`);
      if ('default' in spec) expect(values[spec.name]).toBe(spec.default);
      else expect(file).toContain(`# ${spec.name}=`);
    }
  });
});
