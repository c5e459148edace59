// The SQL Server EULA consent a user gave at the interactive prompt of `up`: asked once, kept in
// <project>/.hart (git-ignored) so the next run does not ask again. HART_ACCEPT_EULA still wins.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStateDir } from './secrets-file.js';

export const EULA_URL = 'https://go.microsoft.com/fwlink/?linkid=857698';
const CONSENT_FILE = 'eula-accepted';

export function hasSavedEulaConsent(stateDir: string): boolean {
  return existsSync(join(stateDir, CONSENT_FILE));
}

export function saveEulaConsent(stateDir: string, now = new Date()): void {
  ensureStateDir(stateDir);
  writeFileSync(join(stateDir, CONSENT_FILE), `SQL Server EULA (${EULA_URL}) accepted at ${now.toISOString()}\n`);
}
