// A SQL Server error becomes a HartError that points at the payload: file:line (mapped from the
// batch), error number, severity, the server's message and the offending line. NOTES: Scripts — "An
// error's lineNumber is relative to its batch: file line = batch start line + lineNumber − 1";
// The mssql package — errors carry number, state, class, lineNumber, procName, precedingErrors.
import { HartError, formatLocation, type SourceLocation } from '../engine/errors.js';
import type { Batch } from '../tsql/types.js';
import type { SqlServerErrorInfo } from './session.js';

function field(value: object, key: string): unknown {
  return Reflect.get(value, key);
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The server-side fields of one error object (mssql RequestError or tedious RequestError), if it has them. */
function infoOf(error: unknown): SqlServerErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const number = numberOf(field(error, 'number'));
  if (number === undefined) {
    const original = field(error, 'originalError');
    return original !== undefined && original !== error ? infoOf(original) : undefined;
  }
  const message = field(error, 'message');
  const procName = field(error, 'procName');
  const info: SqlServerErrorInfo = {
    number,
    state: numberOf(field(error, 'state')) ?? 0,
    severity: numberOf(field(error, 'class')) ?? numberOf(field(error, 'severity')) ?? 0,
    lineNumber: numberOf(field(error, 'lineNumber')) ?? 0,
    message: typeof message === 'string' ? message : String(message),
  };
  if (typeof procName === 'string' && procName !== '') info.procName = procName;
  return info;
}

/**
 * Every server error of a failed request, first first: tedious keeps the earlier ones in
 * precedingErrors and throws the last, but the first usually names the cause (e.g. 102 before 2759).
 */
export function sqlErrorsOf(error: unknown): SqlServerErrorInfo[] {
  const last = infoOf(error);
  if (last === undefined) return [];
  const preceding = typeof error === 'object' && error !== null ? field(error, 'precedingErrors') : undefined;
  const earlier = Array.isArray(preceding) ? preceding.map(infoOf).filter((i): i is SqlServerErrorInfo => i !== undefined) : [];
  return [...earlier, last];
}

/** The payload location of a server line number within a batch. */
export function locateInBatch(batch: Pick<Batch, 'file' | 'line' | 'lineMap'>, lineNumber: number): SourceLocation {
  const n = Math.max(1, lineNumber);
  const mapped = batch.lineMap?.[n - 1];
  if (mapped !== undefined) return { file: mapped.file, line: mapped.line };
  return { file: batch.file, line: batch.line + n - 1 };
}

export interface SqlErrorContext {
  /** The batch that was running; without it (kit-generated SQL) the error has no payload location. */
  batch?: Pick<Batch, 'file' | 'line' | 'text' | 'lineMap'>;
  /** What the kit was doing, e.g. "Creating database Hartonomous". */
  action?: string;
  hint?: string;
}

/** Maps an error thrown by a session call; errors that are not SQL Server errors pass through unchanged. */
export function toSqlHartError(error: unknown, context: SqlErrorContext = {}): unknown {
  if (error instanceof HartError) return error;
  const errors = sqlErrorsOf(error);
  const primary = errors[0];
  if (primary === undefined) return error;
  const details: string[] = [];
  let location: SourceLocation | undefined;
  if (context.batch !== undefined && primary.lineNumber > 0) {
    location = locateInBatch(context.batch, primary.lineNumber);
    const offending = context.batch.text.split(/\r?\n/)[primary.lineNumber - 1];
    if (offending !== undefined) details.push(`${formatLocation(location)}: ${offending.trim()}`);
  }
  details.push(
    `SQL Server error ${primary.number}, severity ${primary.severity}, state ${primary.state}${primary.procName === undefined ? '' : `, in ${primary.procName}`}${primary.lineNumber > 0 ? `, batch line ${primary.lineNumber}` : ''}`,
  );
  for (const other of errors.slice(1)) details.push(`then error ${other.number}: ${other.message}`);
  const where = location === undefined ? '' : `${formatLocation(location)}: `;
  const prefix = context.action === undefined ? '' : `${context.action} fails: `;
  return new HartError(`${prefix}${where}${primary.message} (error ${primary.number}, severity ${primary.severity})`, {
    code: 'sql-error',
    ...(location === undefined ? {} : { location }),
    details,
    hint:
      context.hint ??
      (location === undefined
        ? 'Check the SQL Server log (docker logs) and run the command again.'
        : `Fix ${formatLocation(location)} and run the command again: scripts that succeeded stay applied, this one runs again.`),
    cause: error,
  });
}

/** Whether any server error of a failed request has this number. */
export function hasSqlErrorNumber(error: unknown, number: number): boolean {
  return sqlErrorsOf(error).some((e) => e.number === number);
}
