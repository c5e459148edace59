// --only / --skip: which phases of a plan run. --only also runs what the named phases need
// (transitively); --skip removes phases, and a phase whose need was skipped still runs (its need
// counts as met) — skipping is the user saying "that part is already there". A skipped phase hands
// its own needs on to its dependants (transitively): with `--skip containers`, the phases after it
// still wait for preflight, and a failed preflight stops them. An alias names several phases at once
// (an older name kept working); an unknown name gets the closest known one.
import { UsageError } from './errors.js';
import { nearestName } from './nearest-name.js';
import type { PhaseId } from './phase.js';

export interface Selectable {
  id: PhaseId;
  needs: readonly PhaseId[];
}

export interface Selection {
  only?: readonly PhaseId[];
  skip?: readonly PhaseId[];
}

/** Names that stand for several phases, e.g. `containers` for the two service phases. */
export type PhaseAliases = Readonly<Record<string, readonly PhaseId[]>>;

/** The phase ids a name given to --only/--skip stands for, or a usage error naming the closest one. */
function resolveName<P extends Selectable>(name: string, byId: ReadonlyMap<PhaseId, P>, aliases: PhaseAliases): PhaseId[] {
  if (byId.has(name)) return [name];
  const aliased = Object.hasOwn(aliases, name) ? (aliases[name] ?? []).filter((id) => byId.has(id)) : [];
  if (aliased.length > 0) return aliased;
  const known = [...byId.keys()];
  const near = nearestName(name, known);
  throw new UsageError(`Unknown phase "${name}"${near === undefined ? '' : ` (did you mean "${near}"?)`}`, { hint: `Phases of this command: ${known.join(', ')}` });
}

export function selectPhases<P extends Selectable>(phases: readonly P[], selection: Selection, aliases: PhaseAliases = {}): P[] {
  const byId = new Map(phases.map((p) => [p.id, p]));
  const only = (selection.only ?? []).flatMap((name) => resolveName(name, byId, aliases));
  const skip = (selection.skip ?? []).flatMap((name) => resolveName(name, byId, aliases));
  let chosen = new Set(phases.map((p) => p.id));
  if (only.length > 0) {
    chosen = new Set();
    const visit = (id: PhaseId): void => {
      if (chosen.has(id)) return;
      chosen.add(id);
      for (const need of byId.get(id)?.needs ?? []) visit(need);
    };
    for (const id of only) visit(id);
  }
  for (const id of skip) chosen.delete(id);
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
