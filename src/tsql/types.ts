// Contracts of the T-SQL toolkit used by the deploy phases, `plan` and `check`.
import type { SourceLocation } from '../engine/errors.js';

/** One batch as sqlcmd would send it: the text between GO separators, after :setvar/:r/$(VAR) processing. */
export interface Batch {
  /** The file the batch's first line comes from (an :r include names the included file). */
  file: string;
  /** 1-based line of the batch's first line in `file`: server line N maps to file line `line + N - 1`. */
  line: number;
  text: string;
  /** GO n: how many times the batch runs. */
  count: number;
  /** When the batch crosses an :r include boundary: the file:line of every line, for exact error mapping. */
  lineMap?: SourceLocation[];
  /** Set when an `:on error ignore` is in effect for this batch: a failure is reported and the script goes on. */
  onError?: 'ignore';
}

export type ScriptKind = 'run-once' | 'anytime' | 'every-time';

/** `note`: information only (e.g. a statement the checker's grammar keeps whole); never fails a check. */
export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  rule: string;
  /** SQL Server's message number for what SQL Server itself would report (102, 134, 207 …). */
  code?: number;
  message: string;
  hint?: string;
}

export interface Script {
  /** Path relative to the payload root (sql/), with forward slashes: the journal's key. */
  path: string;
  /** Absolute path on disk. */
  file: string;
  kind: ScriptKind;
  /** SHA-256 (hex) of the text with line endings normalised to \n: see src/tsql/hash.ts. */
  hash: string;
  batches: Batch[];
}

/** The SQL phases of a payload, each with its scripts in deploy order. */
export interface PayloadPlan {
  migrations: Script[];
  broker: Script[];
  programmability: Script[];
  /** CLR bindings file(s) applied by clr-deploy (CREATE FUNCTION/AGGREGATE … EXTERNAL NAME). */
  clrBindings: Script[];
  diagnostics: Diagnostic[];
}
