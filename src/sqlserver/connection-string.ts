// The connection string a developer copies into an app (ADO.NET form), password masked unless asked.
import { MASK } from '../engine/redact.js';
import type { SqlEndpoint } from './endpoint.js';

export function connectionString(endpoint: SqlEndpoint, options: { maskPassword: boolean }): string {
  const password = options.maskPassword ? MASK : endpoint.password;
  return `Server=${endpoint.host},${endpoint.port};Database=${endpoint.database};User Id=${endpoint.user};Password=${password};Encrypt=True;TrustServerCertificate=True`;
}
