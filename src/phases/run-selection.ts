// What a command runs once --only/--skip have chosen: the chosen phases, a preflight that checks only
// what they need, and the endpoints of services whose phase was left out. Each service phase
// (sqlserver, neo4j) is that service's container or the readiness check of an existing server:
//   - preflight checks Docker, ports and the EULA only for the containers the chosen service phases
//     bring up, so graph-only work against an existing Neo4j needs no Docker at all;
//   - a phase whose service phase was skipped (`--skip sqlserver`) works with the configured server:
//     this project's container, which preflight finds running (Docker is asked, nothing is changed),
//     or the existing server.
import { localServices, neo4jEndpoint, sqlEndpoint } from '../docker/external-endpoints.js';
import type { ServiceName } from '../docker/service-specs.js';
import type { Config } from '../config/load.js';
import type { Phase, PhaseId } from '../engine/phase.js';
import { selectPhases, type Selection } from '../engine/select.js';
import type { UpContext, UpState } from './context.js';
import { createPreflightPhase, type PreflightScope } from './preflight.js';
import { PHASE_ALIASES } from './up-plan.js';

const SERVICE_PHASES: readonly ServiceName[] = ['sqlserver', 'neo4j'];

export interface RunSelection {
  phases: Phase<UpContext>[];
  /** The services whose phase runs (their container, or their readiness check). */
  services: ServiceName[];
  /** What preflight checks: the containers the service phases bring up, and those used as they run. */
  scope: PreflightScope;
  /** The state the run starts with: the endpoints of skipped service phases that chosen phases use. */
  state: UpState;
}

/** True when `id` needs `target` in `plan`, directly or through other phases. */
function needsTransitively(plan: readonly Phase<UpContext>[], id: PhaseId, target: PhaseId): boolean {
  const byId = new Map(plan.map((p) => [p.id, p]));
  const seen = new Set<PhaseId>();
  const visit = (current: PhaseId): boolean => {
    for (const need of byId.get(current)?.needs ?? []) {
      if (need === target) return true;
      if (seen.has(need)) continue;
      seen.add(need);
      if (visit(need)) return true;
    }
    return false;
  };
  return visit(id);
}

export function selectRun(plan: readonly Phase<UpContext>[], selection: Selection, config: Config): RunSelection {
  const chosen = selectPhases(plan, selection, PHASE_ALIASES);
  const ids = new Set(chosen.map((p) => p.id));
  const services = SERVICE_PHASES.filter((s) => ids.has(s));
  const skippedButUsed = SERVICE_PHASES.filter((s) => !ids.has(s) && plan.some((p) => p.id === s) && chosen.some((p) => needsTransitively(plan, p.id, s)));
  const local = localServices(config);
  const scope: PreflightScope = { containers: services.filter((s) => local.includes(s)), running: skippedButUsed.filter((s) => local.includes(s)) };
  const phases = chosen.map((p) => (p.id === 'preflight' ? { ...createPreflightPhase(scope), needs: p.needs } : p));
  const state: UpState = {};
  if (skippedButUsed.includes('sqlserver')) state.sqlServer = sqlEndpoint(config);
  if (skippedButUsed.includes('neo4j')) state.neo4j = neo4jEndpoint(config);
  return { phases, services, scope, state };
}
