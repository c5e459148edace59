// Every batch of the kit's own payload (sql/) parses, and none is kept opaque: the grammar covers
// everything the payload uses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptsOf } from '../check.js';
import { frontEndDiagnostics } from '../front-end.js';
import { loadPayloadPlan } from '../payload.js';
import { parseBatch } from './index.js';

const PAYLOAD = join(import.meta.dirname, '..', '..', '..', 'sql');

describe('the payload parses', () => {
  it('every batch, with no syntax error and no opaque statement', async () => {
    const plan = await loadPayloadPlan(PAYLOAD, { variables: {} });
    const found: string[] = [];
    let batches = 0;
    for (const { script } of scriptsOf(plan)) {
      for (const batch of script.batches) {
        batches++;
        const parsed = parseBatch(batch.text);
        if (parsed.error !== undefined) found.push(`${batch.file}:${batch.line + parsed.error.line - 1}:${parsed.error.col} Msg ${parsed.error.code}: ${parsed.error.message}`);
        for (const o of parsed.opaque) found.push(`${batch.file}: opaque ${o.what}`);
      }
    }
    expect(batches).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });
});

describe('the payload binds', () => {
  // Variable names compare under the collation: on the default SQL_Latin1_General_CP1_CI_AS a local
  // @complexity beside a parameter @Complexity is Msg 134 (docs: contained-database-collations.md,
  // "Variables | Instance Collation"). Two payload scripts once did exactly that.
  it('with no binder finding on a case-insensitive database, nor on a case-sensitive one', async () => {
    const plan = await loadPayloadPlan(PAYLOAD, { variables: {} });
    const scripts = scriptsOf(plan).map(({ script }) => ({ script, own: true }));
    for (const collation of ['SQL_Latin1_General_CP1_CI_AS', 'Latin1_General_100_CS_AS']) {
      const found = frontEndDiagnostics(scripts, { collation }).filter((d) => d.severity !== 'note');
      expect(found.map((d) => `${collation} ${d.file}:${d.line} ${d.message}`)).toEqual([]);
    }
  });
});
