// What the analysis of one script yields: definitions for the catalog, references to resolve
// against it, and the facts the checks need (drops, guards, aliases).
import type { SourceLocation } from '../engine/errors.js';
import type { ObjectKind } from './names.js';

export interface Located {
  file: string;
  line: number;
  col: number;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface Definition {
  kind: ObjectKind;
  /** Unquoted name parts as written (schema, name). */
  parts: string[];
  /** Name-space key (see names.ts keyOf). */
  key: string;
  /** "dbo.Atom" */
  name: string;
  loc: Located;
  /** Position in the script: drops and definitions are compared by it. */
  seq: number;
  /** Tables and table types: their columns (lower-cased keys), when the definition lists them. */
  columns?: Map<string, ColumnInfo>;
  orAlter?: boolean;
  /** Defined by ALTER (PROCEDURE …) only: updates a definition, not a second one. */
  viaAlter?: boolean;
  /** A history table named by SYSTEM_VERSIONING, or a rename: not written as a CREATE. */
  synthetic?: boolean;
  /** CLR binding: EXTERNAL NAME [assembly].[class].[method]. */
  external?: { assembly: string; className: string; method?: string };
  /** Triggers: the table or view the trigger is on. */
  target?: string[];
  /** A module WITH SCHEMABINDING: what it references cannot be altered or dropped while it exists (Msg 3729). */
  schemaBound?: boolean;
}

export type ReferenceKind = 'object' | 'procedure' | 'function' | 'type' | 'sequence' | 'schema' | 'message-type' | 'contract' | 'service' | 'queue';

/**
 * A reference a script makes, once per kind and name in the module body (or in the plain statements
 * of a batch): a body names the same tables statement after statement, and each distinct name is
 * resolved once, its finding reported at every place it is written.
 */
export interface Reference {
  kind: ReferenceKind;
  parts: string[];
  /** Where each occurrence is, in the order they are written (empty in an order-only analysis). */
  readonly locs: Located[];
  /** The module whose body makes the reference (undefined: a plain script statement, e.g. GRANT). */
  module?: Definition;
  /** A dependency the deploy order must respect (procedure calls are resolved late: false). */
  ordering: boolean;
}

export interface PrincipalRef {
  name: string;
  loc: Located;
  /** "GRANT", "ALTER ROLE … ADD MEMBER", "EXECUTE AS", … */
  context: string;
}

export interface Drop {
  key: string;
  seq: number;
}

export interface CreateStatement {
  /** What follows CREATE: "PROCEDURE", "TABLE", "INDEX", … */
  what: string;
  name: string;
  key?: string;
  loc: Located;
  orAlter: boolean;
  /** Inside an IF/ELSE/WHILE of its batch (or of the batch that EXECs it). */
  guarded: boolean;
  seq: number;
}

export interface ScriptAnalysis {
  definitions: Definition[];
  references: Reference[];
  principals: PrincipalRef[];
  drops: Drop[];
  creates: CreateStatement[];
  /** Column renames (sp_rename … 'COLUMN'): table key → new column names. */
  renamedColumns: { table: string[]; column: string }[];
  /** Problems found without the catalog (DDL in a module, GO inside a body, …). */
  findings: { loc: Located; severity: 'error' | 'warning'; rule: string; message: string; hint: string }[];
}

export type Locate = (line: number, col: number) => SourceLocation & { col: number };
