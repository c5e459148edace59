// The objects a deployed payload must have: every table, view, routine, trigger, aggregate and queue
// the T-SQL toolkit finds defined in the scripts, as lower-case "schema.name".
import { summarizeBatches } from '../tsql/summary.js';
import { OBJECT_KINDS } from '../tsql/names.js';
import type { PayloadPlan } from '../tsql/types.js';

export interface ExpectedObject {
  name: string;
  kind: string;
  script: string;
}

export function expectedObjects(plan: PayloadPlan): ExpectedObject[] {
  const seen = new Map<string, ExpectedObject>();
  for (const script of [...plan.migrations, ...plan.clrBindings, ...plan.broker, ...plan.programmability]) {
    for (const def of summarizeBatches(script.batches, { orderOnly: true }).definitions) {
      if (!OBJECT_KINDS.has(def.kind) || def.viaAlter === true) continue;
      const name = def.parts.slice(-2);
      const qualified = (name.length === 1 ? ['dbo', ...name] : name).join('.').toLowerCase();
      if (!seen.has(qualified)) seen.set(qualified, { name: qualified, kind: def.kind, script: script.path });
    }
  }
  return [...seen.values()];
}
