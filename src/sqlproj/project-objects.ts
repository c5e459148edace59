// The objects of a project in deploy order, for `plan`: each definition of each model file (a table,
// its indexes' table, a view, a function …) with where it is written and the objects it depends on —
// the references the deploy order respects (src/tsql/order.ts: procedure calls resolve when they
// run, so a called procedure is no dependency), and the schema it is in.
import { Catalog } from '../tsql/catalog.js';
import { isSchemaScoped, keyOf } from '../tsql/names.js';
import { orderAnalysisOf } from '../tsql/payload.js';
import type { Script } from '../tsql/types.js';

export interface ProjectObject {
  kind: string;
  name: string;
  file: string;
  line: number;
  dependencies: string[];
}

/** `scripts`: the plan's scripts (the catalog); `models`: the model files among them, in deploy order. */
export function projectObjects(scripts: readonly Script[], models: readonly Script[]): ProjectObject[] {
  const catalog = new Catalog(scripts.map((s) => ({ path: s.path, analysis: orderAnalysisOf(s) })));
  const out: ProjectObject[] = [];
  for (const script of models) {
    const a = orderAnalysisOf(script);
    const defs = a.definitions.filter((d) => d.synthetic !== true && d.viaAlter !== true);
    defs.forEach((d, k) => {
      const deps = new Map<string, string>();
      for (const ref of a.references) {
        if (!ref.ordering) continue;
        // A statement outside any module (a table's foreign key, a GRANT) counts for the file's first object.
        if (ref.module === undefined ? k !== 0 : ref.module.key !== d.key) continue;
        for (const t of catalog.targets(ref)) if (t.key !== d.key && t.kind !== 'procedure') deps.set(t.key, t.name);
      }
      // Its schema, as the order has it (order.ts).
      const schema = d.parts.length >= 2 && isSchemaScoped(d.kind) ? (d.parts[d.parts.length - 2] ?? '') : '';
      if (schema !== '') for (const t of catalog.get(keyOf('schema', [schema]))) deps.set(t.key, t.name);
      out.push({ kind: d.kind, name: d.name, file: d.loc.file, line: d.loc.line, dependencies: [...deps.values()].sort() });
    });
  }
  return out;
}
