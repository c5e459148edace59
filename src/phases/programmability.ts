// programmability: functions, views, procedures and triggers of sql/programmability/, in the order the
// toolkit computed from what they reference; after clr-deploy (they call the CLR functions) and broker
// (procedures SEND ON the services).
import type { Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import type { SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { createScriptsPhase } from '../sqlserver/scripts-phase.js';
import type { UpContext } from './context.js';

export function createProgrammabilityPhase(deps: SqlDeployDeps): Phase<UpContext> {
  return createScriptsPhase(
    { id: 'programmability', title: 'Functions, views, procedures', needs: ['migration', 'clr-deploy', 'broker'], folder: 'sql/programmability', scripts: (plan) => plan.programmability },
    deps,
  );
}

export const programmabilityPhase = createProgrammabilityPhase(defaultDeployDeps);
