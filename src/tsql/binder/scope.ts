// Name scopes of a query: the table sources each query level exposes, and how a column reference
// binds to them (SQL Server's rules: the innermost level that has the column wins; a correlated
// subquery reaches outward; a qualifier must match an exposed name — the alias, or the table's own
// name when it has none).
import type { ColumnSet } from './types.js';

/** One table source as a query level sees it. */
export interface Source {
  /** The exposed name, normalized ('' when it has none). */
  exposed: string;
  /** For an unaliased table: its schema as written, normalized (`dbo.T.c`). */
  schema?: string;
  /** The table's catalog key (to match an UPDATE target with its FROM). */
  tableKey?: string;
  /** Written with an alias: `schema.table.column` cannot name it. */
  aliased?: boolean;
  /** The alias as written. */
  alias?: string;
  /** A table's name as written (`dbo.T`), for messages. */
  written?: string;
  /** Where it is written in the batch. */
  offset?: number;
  /** A system view (sys.*, INFORMATION_SCHEMA.*): columns unknown, but none of a CLR type. */
  system?: boolean;
  /** Its columns; null when unknown (a system view, a table the payload does not define …). */
  columns: ColumnSet | null;
  /** A temporary table created in the current module: findings about it are warnings. */
  moduleTemp?: boolean;
  /** Named only by its qualifier: an unqualified column never binds to it (OUTPUT's deleted beside inserted, the modified table). */
  qualifierOnly?: boolean;
}

export class Scope {
  readonly sources: Source[] = [];
  /** Select-list aliases, visible in ORDER BY only. */
  aliases: Set<string> | undefined;
  readonly parent: Scope | undefined;

  constructor(parent: Scope | undefined) {
    this.parent = parent;
  }

  find(exposed: string): Source | undefined {
    for (const s of this.sources) if (s.exposed === exposed) return s;
    return undefined;
  }
}

export type ColumnResolution =
  | { kind: 'bound'; source: Source | undefined }
  | { kind: 'unknown' }
  | { kind: 'ambiguous' }
  | { kind: 'missing' };

const UNKNOWN: ColumnResolution = { kind: 'unknown' };
const AMBIGUOUS: ColumnResolution = { kind: 'ambiguous' };
const MISSING: ColumnResolution = { kind: 'missing' };
const BOUND_ALIAS: ColumnResolution = { kind: 'bound', source: undefined };

/** An unqualified column: the innermost level that has it; unknown as soon as a level cannot tell. */
export function resolveColumn(scope: Scope | undefined, key: string): ColumnResolution {
  for (let s = scope; s !== undefined; s = s.parent) {
    if (s.aliases?.has(key) === true) return BOUND_ALIAS;
    let found: Source | undefined;
    let matches = 0;
    let unknown = false;
    for (const src of s.sources) {
      if (src.qualifierOnly === true) continue;
      if (src.columns === null) unknown = true;
      else if (src.columns.has(key)) {
        matches++;
        found = src;
      }
    }
    if (matches > 1) return AMBIGUOUS;
    if (matches === 1) return { kind: 'bound', source: found };
    if (unknown) return UNKNOWN;
  }
  return MISSING;
}

/** The source a qualifier names, searching outward. */
export function findSource(scope: Scope | undefined, exposed: string): Source | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const src = s.find(exposed);
    if (src !== undefined) return src;
  }
  return undefined;
}

/** `schema.table.column`: an unaliased table of that schema and name. */
export function findSchemaTable(scope: Scope | undefined, schema: string, table: string): Source | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    for (const src of s.sources) if (src.exposed === table && src.tableKey !== undefined && src.aliased !== true && (src.schema === undefined || src.schema === schema)) return src;
  }
  return undefined;
}

/**
 * Whether `name` may be a column in scope (then `name.x` is a property or method of it): true when
 * some level has it or cannot tell.
 */
export function mayBeColumn(scope: Scope | undefined, key: string): boolean {
  for (let s = scope; s !== undefined; s = s.parent) {
    for (const src of s.sources) if ((src.columns === null && src.system !== true) || src.columns?.has(key) === true) return true;
  }
  return false;
}
