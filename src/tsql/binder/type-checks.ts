// The arguments a system data type is given in a column, parameter or variable declaration
// (docs: "Data types (Transact-SQL)" and each type's page): Msg 2716 for a type that takes none
// (`int(10)`, `datetime(3)`), 2750 for a precision above the type's maximum (decimal and numeric
// 38, float 53), 131 for a length above 8000 bytes (char, varchar, binary, varbinary; nchar and
// nvarchar above 8000 characters) and 2717 for nchar or nvarchar above 4000. A type named with a
// schema, or not a system type, is never a finding.
import type { NodeBase } from '../parser/ast.js';
import { msg } from './messages.js';
import { objectParts } from './nodes.js';

/** Where the type is declared: the message names a column, a parameter, or (for a variable) the type. */
export interface TypeOwner {
  what: 'column' | 'parameter' | 'variable';
  /** The column or parameter name as written. */
  name: string;
  /** Its position (1-based) in the table, parameter list or DECLARE. */
  ordinal: number;
}

export type TypeReport = (code: number, message: string, offset: number) => void;

/** System types that take no length, precision or scale. */
const NO_ARGUMENTS = new Set([
  'BIGINT', 'INT', 'SMALLINT', 'TINYINT', 'BIT', 'MONEY', 'SMALLMONEY', 'REAL', 'DATE', 'DATETIME', 'SMALLDATETIME',
  'TEXT', 'NTEXT', 'IMAGE', 'UNIQUEIDENTIFIER', 'SQL_VARIANT', 'TIMESTAMP', 'ROWVERSION', 'HIERARCHYID', 'GEOMETRY', 'GEOGRAPHY',
]);
/** Maximum precision: decimal(p, s) / numeric(p, s) and float(n). */
const MAX_PRECISION = new Map([['DECIMAL', 38], ['NUMERIC', 38], ['DEC', 38], ['FLOAT', 53]]);
/** Byte-length types (and character-length for the n-types): the ceiling of any data type is 8000. */
const BYTE_LENGTH = new Set(['CHAR', 'VARCHAR', 'BINARY', 'VARBINARY']);
const UNICODE_LENGTH = new Set(['NCHAR', 'NVARCHAR']);
const ANY_TYPE_MAX = 8000;
const UNICODE_MAX = 4000;

/** Checks the arguments written on one declared data type. */
export function checkTypeArguments(dataType: NodeBase | undefined, owner: TypeOwner, report: TypeReport): void {
  if (dataType === undefined) return;
  const args = (dataType as unknown as { args?: unknown }).args;
  if (!Array.isArray(args) || args.length === 0) return;
  const parts = objectParts((dataType as unknown as { name?: NodeBase }).name);
  if (parts === undefined || parts.schema !== undefined) return;
  const type = parts.name.toUpperCase();
  const first = Number(args[0]);
  if (NO_ARGUMENTS.has(type)) report(2716, msg.columnWidth(owner.ordinal, parts.name), dataType.start);
  else if (MAX_PRECISION.has(type)) {
    const max = MAX_PRECISION.get(type) ?? 0;
    if (Number.isInteger(first) && first > max) report(2750, msg.precisionTooLarge(owner.ordinal, first, max), dataType.start);
  } else if (BYTE_LENGTH.has(type) || UNICODE_LENGTH.has(type)) {
    if (!Number.isInteger(first)) return;
    if (first > ANY_TYPE_MAX) report(131, msg.sizeAboveAnyType(first, sizeTarget(owner, parts.name), ANY_TYPE_MAX), dataType.start);
    else if (UNICODE_LENGTH.has(type) && first > UNICODE_MAX) report(2717, msg.sizeAboveType(first, owner.what === 'column' ? `column '${owner.name}'` : `parameter '${owner.name}'`, UNICODE_MAX), dataType.start);
  }
}

/** Msg 131 names the column or parameter; for a local variable it names the type. */
function sizeTarget(owner: TypeOwner, type: string): string {
  if (owner.what === 'variable') return `type '${type.toLowerCase()}'`;
  return `${owner.what} '${owner.name}'`;
}
