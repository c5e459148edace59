// "Connection refused": nothing listens at the address. A server that is starting refuses for a
// moment; an existing server (HART_SQL_URL, HART_NEO4J_URL) that refuses for REFUSED_FAIL_MS is not
// there, and waiting the whole readiness timeout for it helps nobody.

/** How long an existing server may refuse connections before the wait for it gives up. */
export const REFUSED_FAIL_MS = 10_000;

/**
 * ECONNREFUSED anywhere in the error: its code, its message (neo4j-driver: "… Caused by: connect
 * ECONNREFUSED …"), its cause, or the errors of an AggregateError (tedious tries each address).
 */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if ('code' in error && error.code === 'ECONNREFUSED') return true;
  if (error instanceof Error && /\bECONNREFUSED\b/.test(error.message)) return true;
  const inner: unknown[] = [];
  if ('cause' in error) inner.push(error.cause);
  if ('originalError' in error) inner.push(error.originalError);
  if ('errors' in error && Array.isArray(error.errors)) {
    const errors: unknown[] = error.errors;
    inner.push(...errors);
  }
  return inner.some((e) => isConnectionRefused(e, depth + 1));
}

/** The last error of a wait in a few words, for a status line. */
export function briefError(error: unknown): string {
  if (isConnectionRefused(error)) return 'connection refused';
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** Whole seconds left until `deadline` (never negative). */
export function secondsLeft(deadline: number, now = Date.now()): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
