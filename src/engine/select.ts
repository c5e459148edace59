// --only / --skip: which phases of a plan run. --only also runs what the named phases need
// (transitively); --skip removes phases, and a phase whose need was skipped still runs (its need
// counts as met) — skipping is the user saying "that part is already there". A skipped phase hands
// its own needs on to its dependants (transitively): with `--skip containers`, the phases after it
// still wait for preflight, and a failed preflight stops them.
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
  // The needs of a phase that runs: its chosen needs, and for each need left out, that need's own needs.
  const needsOf = (id: PhaseId, seen: Set<PhaseId>): PhaseId[] => {
    const out: PhaseId[] = [];
    for (const need of byId.get(id)?.needs ?? []) {
      if (seen.has(need)) continue;
      seen.add(need);
      for (const n of chosen.has(need) ? [need] : needsOf(need, seen)) if (!out.includes(n)) out.push(n);
    }
    return out;
  };
  return phases
    .filter((p) => chosen.has(p.id))
    .map((p) => {
      const needs = needsOf(p.id, new Set([p.id]));
      return needs.length === p.needs.length && needs.every((n, k) => n === p.needs[k]) ? p : { ...p, needs };
    });
}
