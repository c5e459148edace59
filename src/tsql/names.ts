// Object names as SQL Server resolves them under a case-insensitive collation: brackets and quotes
// removed, `dbo` when unqualified, compared case-insensitively. Service Broker names (message
// types, contracts, services) are compared exactly: SQL Server matches them byte for byte.

export type ObjectKind =
  | 'schema'
  | 'table'
  | 'view'
  | 'function'
  | 'procedure'
  | 'trigger'
  | 'type'
  | 'sequence'
  | 'synonym'
  | 'aggregate'
  | 'queue'
  | 'user'
  | 'role'
  | 'message-type'
  | 'contract'
  | 'service'
  | 'assembly';

/** Kinds that share sys.objects' name space (one name per schema across all of them). */
export const OBJECT_KINDS: ReadonlySet<ObjectKind> = new Set<ObjectKind>(['table', 'view', 'function', 'procedure', 'trigger', 'sequence', 'synonym', 'aggregate', 'queue']);

export type Namespace = 'object' | 'type' | 'schema' | 'principal' | 'message-type' | 'contract' | 'service' | 'assembly';

export function namespaceOf(kind: ObjectKind): Namespace {
  if (OBJECT_KINDS.has(kind)) return 'object';
  if (kind === 'user' || kind === 'role') return 'principal';
  if (kind === 'type' || kind === 'schema' || kind === 'message-type' || kind === 'contract' || kind === 'service' || kind === 'assembly') return kind;
  return 'object';
}

/** Schema-scoped kinds get "schema.name"; database-scoped ones just the name. */
export function isSchemaScoped(kind: ObjectKind): boolean {
  return OBJECT_KINDS.has(kind) || kind === 'type';
}

export interface QualifiedName {
  /** The parts as written, unquoted: [server, database, schema, name] trailing. */
  parts: string[];
}

/**
 * Keys already built, by kind, schema and name as written. The checks and the order look the same
 * few thousand names up hundreds of thousands of times: a key found here is the same string object
 * every time (its hash computed once) instead of a new string to build and hash. Bounded.
 */
const keys = new Map<ObjectKind, Map<string, Map<string, string>>>();
let keysCached = 0;
const KEYS_MAX = 1 << 17;

/** The key a name is stored under in its name space. */
export function keyOf(kind: ObjectKind, parts: readonly string[]): string {
  const name = parts[parts.length - 1] ?? '';
  // The schema as written ('' when none); it only matters for schema-scoped kinds.
  const written = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
  let bySchema = keys.get(kind);
  if (bySchema === undefined) keys.set(kind, (bySchema = new Map()));
  let byName = bySchema.get(written);
  if (byName === undefined) bySchema.set(written, (byName = new Map()));
  let key = byName.get(name);
  if (key === undefined) {
    key = buildKey(kind, written, name);
    if (++keysCached > KEYS_MAX) {
      keys.clear();
      keysCached = 0;
    } else byName.set(name, key);
  }
  return key;
}

function buildKey(kind: ObjectKind, written: string, name: string): string {
  const ns = namespaceOf(kind);
  if (ns === 'message-type' || ns === 'contract' || ns === 'service') return `${ns}:${name}`;
  if (!isSchemaScoped(kind)) return `${ns}:${name.toLowerCase()}`;
  const schema = written || 'dbo';
  return `${ns}:${schema.toLowerCase()}.${name.toLowerCase()}`;
}

/** "dbo.Atom" for messages. */
export function displayName(kind: ObjectKind, parts: readonly string[]): string {
  const name = parts[parts.length - 1] ?? '';
  if (!isSchemaScoped(kind)) return name;
  const schema = parts.length >= 2 ? parts[parts.length - 2] || 'dbo' : 'dbo';
  return `${schema}.${name}`;
}
