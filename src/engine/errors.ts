// Errors a user can meet. Every one says what went wrong (present tense) and, in `hint`, what to do next.

export interface SourceLocation {
  file: string;
  line: number;
  col?: number;
}

export interface HartErrorOptions {
  hint?: string;
  location?: SourceLocation;
  /** Extra lines shown under the error: a container's last log lines, the offending SQL line, … */
  details?: string[];
  /** A stable machine-readable code, e.g. "docker-unreachable", "sql-error". */
  code?: string;
  exitCode?: number;
  cause?: unknown;
}

export class HartError extends Error {
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly details: string[];
  readonly code: string;
  readonly exitCode: number;

  constructor(message: string, options: HartErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HartError';
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details ?? [];
    this.code = options.code ?? 'error';
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad flags, bad configuration: exit code 2. */
export class UsageError extends HartError {
  constructor(message: string, options: Omit<HartErrorOptions, 'exitCode'> = {}) {
    super(message, { code: 'usage', ...options, exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl-C (the run's AbortSignal fired): exit code 130. */
export class InterruptedError extends HartError {
  constructor(message = 'Interrupted') {
    super(message, { code: 'interrupted', exitCode: 130, hint: 'Nothing half-done was recorded as applied; run the command again to continue.' });
    this.name = 'InterruptedError';
  }
}

export interface ErrorInfo {
  message: string;
  hint?: string;
  location?: SourceLocation;
  details?: string[];
  code: string;
}

/** Plain data for events and JSON output. Unknown errors keep their message and get a generic code. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof HartError) {
    const info: ErrorInfo = { message: error.message, code: error.code };
    if (error.hint !== undefined) info.hint = error.hint;
    if (error.location !== undefined) info.location = error.location;
    if (error.details.length > 0) info.details = error.details;
    return info;
  }
  if (error instanceof Error) return { message: error.message, code: 'unexpected' };
  return { message: String(error), code: 'unexpected' };
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}${location.col === undefined ? '' : `:${location.col}`}`;
}

/** Throws InterruptedError when the signal has fired: call between units of work. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError();
}
