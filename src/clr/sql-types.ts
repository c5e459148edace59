// How SQL Server maps CLR parameter and return types to T-SQL ("Mapping CLR Parameter Data",
// SQL Server docs): the SqlTypes first, then the plain .NET types it also accepts.
import type { TypeSig } from './metadata/assembly-model.js';

const BY_CLR_TYPE: Record<string, string> = {
  'System.Data.SqlTypes.SqlDouble': 'FLOAT',
  'System.Data.SqlTypes.SqlSingle': 'REAL',
  'System.Data.SqlTypes.SqlBytes': 'VARBINARY(MAX)',
  'System.Data.SqlTypes.SqlBinary': 'VARBINARY(MAX)',
  'System.Data.SqlTypes.SqlString': 'NVARCHAR(MAX)',
  'System.Data.SqlTypes.SqlChars': 'NVARCHAR(MAX)',
  'System.Data.SqlTypes.SqlInt64': 'BIGINT',
  'System.Data.SqlTypes.SqlInt32': 'INT',
  'System.Data.SqlTypes.SqlInt16': 'SMALLINT',
  'System.Data.SqlTypes.SqlByte': 'TINYINT',
  'System.Data.SqlTypes.SqlBoolean': 'BIT',
  'System.Data.SqlTypes.SqlDateTime': 'DATETIME',
  'System.Data.SqlTypes.SqlDecimal': 'DECIMAL(38, 10)',
  'System.Data.SqlTypes.SqlMoney': 'MONEY',
  'System.Data.SqlTypes.SqlGuid': 'UNIQUEIDENTIFIER',
  'System.Data.SqlTypes.SqlXml': 'XML',
  'System.Double': 'FLOAT',
  'System.Single': 'REAL',
  'System.Byte[]': 'VARBINARY(MAX)',
  'System.String': 'NVARCHAR(MAX)',
  'System.Char[]': 'NVARCHAR(MAX)',
  'System.Int64': 'BIGINT',
  'System.Int32': 'INT',
  'System.Int16': 'SMALLINT',
  'System.Byte': 'TINYINT',
  'System.Boolean': 'BIT',
  'System.DateTime': 'DATETIME2',
  'System.DateTimeOffset': 'DATETIMEOFFSET',
  'System.TimeSpan': 'TIME',
  'System.Decimal': 'DECIMAL(38, 10)',
  'System.Guid': 'UNIQUEIDENTIFIER',
  'System.Object': 'SQL_VARIANT',
};

/** The T-SQL families a CLR type accepts, for checking a hand-written binding (lengths ignored). */
const FAMILIES: Record<string, string[]> = {
  'VARBINARY(MAX)': ['VARBINARY', 'BINARY', 'TIMESTAMP', 'ROWVERSION', 'IMAGE'],
  'NVARCHAR(MAX)': ['NVARCHAR', 'NCHAR', 'NTEXT', 'SYSNAME'],
  'DECIMAL(38, 10)': ['DECIMAL', 'NUMERIC'],
  DATETIME: ['DATETIME', 'SMALLDATETIME'],
  DATETIME2: ['DATETIME2', 'DATETIME', 'SMALLDATETIME', 'DATE'],
  MONEY: ['MONEY', 'SMALLMONEY'],
  FLOAT: ['FLOAT', 'DOUBLE PRECISION'],
};

function unwrap(sig: TypeSig): TypeSig {
  return sig.kind === 'byref' ? unwrap(sig.element) : sig;
}

function clrName(sig: TypeSig): string {
  const t = unwrap(sig);
  if (t.kind === 'szarray') return `${clrName(t.element)}[]`;
  if (t.kind === 'primitive' || t.kind === 'named') return t.name;
  if (t.kind === 'generic' && t.base.kind === 'named' && t.base.name === 'System.Nullable`1' && t.args[0] !== undefined) return clrName(t.args[0]);
  return '?';
}

/** The T-SQL type for a CLR type, or undefined when SQL Server has no mapping for it. */
export function sqlTypeOf(sig: TypeSig): string | undefined {
  return BY_CLR_TYPE[clrName(sig)];
}

/** "VARBINARY(8000)" → "VARBINARY"; "float(53)" → "FLOAT". */
export function sqlTypeBase(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\(.*$/, '').replace(/^\[|\]$/g, '').trim().toUpperCase();
}

/** Whether a binding's declared T-SQL type can carry the CLR type (as CREATE FUNCTION would accept it). */
export function sqlTypeAccepts(declared: string, sig: TypeSig): boolean {
  const mapped = sqlTypeOf(sig);
  if (mapped === undefined) return true; // a type we do not know: leave the verdict to SQL Server
  const base = sqlTypeBase(declared);
  const family = FAMILIES[mapped] ?? [sqlTypeBase(mapped)];
  return family.includes(base);
}
