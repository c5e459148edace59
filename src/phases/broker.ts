// broker: the Service Broker objects of sql/broker/ (anytime scripts, guarded by the catalog views
// since message types, contracts, queues and services have no CREATE OR ALTER).
import type { Phase } from '../engine/phase.js';
import { defaultDeployDeps } from '../sqlserver/default-deps.js';
import type { SqlDeployDeps } from '../sqlserver/deploy-run.js';
import { createScriptsPhase } from '../sqlserver/scripts-phase.js';
import type { UpContext } from './context.js';

export function createBrokerPhase(deps: SqlDeployDeps): Phase<UpContext> {
  return createScriptsPhase({ id: 'broker', title: 'Service Broker', needs: ['migration'], folder: 'sql/broker', scripts: (plan) => plan.broker }, deps);
}

export const brokerPhase = createBrokerPhase(defaultDeployDeps);
