// The objects a payload defines, across all its scripts, and how references resolve against them.
import type { Definition, Reference, ScriptAnalysis } from './analysis-types.js';
import { BUILTIN_PRINCIPALS, BUILTIN_TABLES, BUILTIN_TYPES, KEYWORDS, isBuiltinSchema } from './builtins.js';
import { keyOf, type ObjectKind } from './names.js';

export interface CatalogDefinition extends Definition {
  /** Script path (Script.path) that defines it. */
  script: string;
}

export interface CatalogInput {
  path: string;
  analysis: ScriptAnalysis;
}

/** The kind of definition each kind of reference looks for. */
const TARGET_KINDS: Record<Reference['kind'], ObjectKind> = {
  object: 'table', procedure: 'procedure', function: 'function', type: 'type', sequence: 'sequence', schema: 'schema',
  'message-type': 'message-type', contract: 'contract', service: 'service', queue: 'queue',
};

export type Resolution = 'found' | 'builtin' | 'missing' | 'unknown';

export class Catalog {
  readonly byKey = new Map<string, CatalogDefinition[]>();
  private readonly renamed = new Map<string, string[]>();
  private readonly columnCache = new Map<string, Set<string> | undefined>();

  constructor(scripts: readonly CatalogInput[]) {
    for (const { path, analysis } of scripts) {
      for (const def of analysis.definitions) {
        const entry: CatalogDefinition = { ...def, script: path };
        const list = this.byKey.get(def.key);
        if (list === undefined) this.byKey.set(def.key, [entry]);
        else list.push(entry);
      }
      for (const r of analysis.renamedColumns) {
        const key = keyOf('table', r.table);
        const list = this.renamed.get(key) ?? [];
        list.push(r.column.toLowerCase());
        this.renamed.set(key, list);
      }
    }
  }

  get(key: string): CatalogDefinition[] {
    return this.byKey.get(key) ?? [];
  }

  /** All definitions, in script order. */
  all(): CatalogDefinition[] {
    return [...this.byKey.values()].flat();
  }

  /** The object (table, view, function, …) a one- or two-part name stands for. */
  object(parts: readonly string[]): CatalogDefinition | undefined {
    return this.get(keyOf('table', parts)).find((d) => !d.viaAlter || d.kind !== 'table') ?? this.get(keyOf('table', parts))[0];
  }

  hasSchema(name: string): boolean {
    return isBuiltinSchema(name) || this.get(keyOf('schema', [name])).length > 0;
  }

  /**
   * The columns of a table or table type, or undefined when unknown (a view, a table whose CREATE
   * was not understood): only a known column list ever produces a finding.
   */
  columnsOf(parts: readonly string[]): Set<string> | undefined {
    const key = keyOf('table', parts);
    if (this.columnCache.has(key)) return this.columnCache.get(key);
    const columns = this.computeColumns(parts);
    this.columnCache.set(key, columns);
    return columns;
  }

  private computeColumns(parts: readonly string[]): Set<string> | undefined {
    const defs = this.get(keyOf('table', parts));
    if (defs.length === 0 || defs.some((d) => d.kind !== 'table')) return undefined;
    if (!defs.some((d) => !d.viaAlter)) return undefined;
    const columns = new Set<string>();
    for (const d of defs) {
      if (d.columns === undefined) {
        if (!d.viaAlter) return undefined;
        continue;
      }
      for (const c of d.columns.keys()) columns.add(c);
    }
    for (const c of this.renamed.get(keyOf('table', parts)) ?? []) columns.add(c);
    return columns;
  }

  resolve(ref: Reference): Resolution {
    const parts = ref.parts;
    const last = parts[parts.length - 1] ?? '';
    const schema = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : '';
    if (last === '' || last.startsWith('#') || last.startsWith('@')) return 'unknown';
    if (schema !== '' && isBuiltinSchema(schema) && schema.toLowerCase() !== 'dbo' && schema.toLowerCase() !== 'guest') return 'builtin';
    switch (ref.kind) {
      case 'schema':
        return this.hasSchema(last) ? 'found' : 'missing';
      case 'type': {
        if (parts.length === 1 && BUILTIN_TYPES.has(last.toUpperCase())) return 'builtin';
        return this.get(keyOf('type', parts)).length > 0 ? 'found' : 'missing';
      }
      case 'message-type':
      case 'contract':
      case 'service': {
        if (last.toUpperCase() === 'DEFAULT' || /^http:\/\/schemas\.microsoft\.com\/SQL\//i.test(last)) return 'builtin';
        return this.get(keyOf(ref.kind, [last])).length > 0 ? 'found' : 'missing';
      }
      case 'function': {
        if (parts.length === 2 && !this.hasSchema(schema)) return 'unknown';
        if (parts.length === 1 && KEYWORDS.has(last.toUpperCase())) return 'unknown';
        return this.get(keyOf('function', parts)).length > 0 ? 'found' : 'missing';
      }
      case 'procedure':
        if (parts.length === 2 && !this.hasSchema(schema)) return 'missing';
        return this.get(keyOf('procedure', parts)).length > 0 ? 'found' : 'missing';
      default: {
        if (parts.length === 1 && BUILTIN_TABLES.has(last.toUpperCase())) return 'builtin';
        return this.get(keyOf('table', parts)).length > 0 ? 'found' : 'missing';
      }
    }
  }

  /** The definitions a reference resolves to (for ordering and cycles). */
  targets(ref: Reference): CatalogDefinition[] {
    const parts = ref.parts;
    const kind = TARGET_KINDS[ref.kind];
    const key = kind === 'message-type' || kind === 'contract' || kind === 'service' ? keyOf(kind, [parts.join('.')]) : kind === 'schema' ? keyOf('schema', parts.slice(-1)) : keyOf(kind, parts);
    return this.get(key);
  }

  hasPrincipal(name: string): boolean {
    return BUILTIN_PRINCIPALS.has(name.toUpperCase()) || this.get(keyOf('user', [name])).length > 0;
  }
}
