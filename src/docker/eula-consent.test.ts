import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EULA_URL } from '../config/consent.js';
import { loadConfig } from '../config/load.js';
import { ensureEulaConsent } from './eula-consent.js';

describe('the EULA question', () => {
  it('prints the link whole on a line of its own before asking, and saves a yes', async () => {
    const config = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'hart-eula-')), env: {}, flags: {}, persistGenerated: false });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const asked = ensureEulaConsent(config, { interactive: true, streams: { input, output } });
    input.end('y\n');
    await expect(asked).resolves.toBe(true);
    expect(text.split('\n')).toContain(`  ${EULA_URL}`);
    expect(text).toContain("under Microsoft's license terms:\n");
  });
});
