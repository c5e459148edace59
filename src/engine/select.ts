// --only / --skip: which phases of a plan run. --only also runs what the named phases need
// (transitively); --skip removes phases, and a phase whose need was skipped still runs (its need
// counts as met) — skipping is the user saying "that part is already there".
import { UsageError } from './errors.js';
import type { PhaseId } from './phase.js';

export interface Selectable {
  id: PhaseId;
  needs: readonly PhaseId[];
}

export interface Selection {
  only?: readonly PhaseId[];
  skip?: readonly PhaseId[];
}

export function selectPhases<P extends Selectable>(phases: readonly P[], selection: Selection): P[] {
  const byId = new Map(phases.map((p) => [p.id, p]));
  const known = phases.map((p) => p.id).join(', ');
  for (const id of [...(selection.only ?? []), ...(selection.skip ?? [])]) {
    if (!byId.has(id)) {
      throw new UsageError(`Unknown phase "${id}"`, { hint: `Phases of this command: ${known}` });
    }
  }
  let chosen = new Set(phases.map((p) => p.id));
  if (selection.only !== undefined && selection.only.length > 0) {
    chosen = new Set();
    const visit = (id: PhaseId): void => {
      if (chosen.has(id)) return;
      chosen.add(id);
      for (const need of byId.get(id)?.needs ?? []) visit(need);
    };
    for (const id of selection.only) visit(id);
  }
  for (const id of selection.skip ?? []) chosen.delete(id);
  return phases.filter((p) => chosen.has(p.id));
}
