// The production wiring of the SQL Server phases: mssql sessions and the T-SQL toolkit's payload
// loader, both imported on first use so `hart-dev --help` does not load them.
import { readFileSync } from 'node:fs';
import type { SqlDeployDeps } from './deploy-run.js';

function readKitVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const KIT_VERSION = readKitVersion();

export const defaultDeployDeps: SqlDeployDeps = {
  async openSession(endpoint, options) {
    const { openSession } = await import('./connect.js');
    return openSession(endpoint, options);
  },
  async loadPlan(sqlDir, variables) {
    const { loadPayloadPlan } = await import('../tsql/payload.js');
    return loadPayloadPlan(sqlDir, { variables });
  },
  kitVersion: KIT_VERSION,
};
