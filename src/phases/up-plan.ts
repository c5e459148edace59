// The phases of `up`, in one list. The runner derives the parallelism from `needs`:
// preflight → { sqlserver, neo4j, clr-build } → database → { filestream, migration, clr-deploy } →
// broker → programmability → seed → verify, with the Neo4j chain (schema → seed → verify) beside the
// SQL Server chain once Neo4j is up. Each service phase is that service's container, or the readiness
// check of an existing server (HART_SQL_URL / HART_NEO4J_URL).
import type { Phase } from '../engine/phase.js';
import type { PhaseAliases } from '../engine/select.js';
import { brokerPhase } from './broker.js';
import { clrBuildPhase } from './clr-build.js';
import { clrDeployPhase } from './clr-deploy.js';
import type { UpContext } from './context.js';
import { databasePhase } from './database.js';
import { filestreamPhase } from './filestream.js';
import { migrationPhase } from './migration.js';
import { neo4jPhase } from './neo4j.js';
import { neo4jSchemaPhase } from './neo4j-schema.js';
import { neo4jSeedPhase } from './neo4j-seed.js';
import { neo4jVerifyPhase } from './neo4j-verify.js';
import { preflightPhase } from './preflight.js';
import { programmabilityPhase } from './programmability.js';
import { seedPhase } from './seed.js';
import { sqlServerPhase } from './sqlserver.js';
import { verifyPhase } from './verify.js';

/** Older names --only and --skip still take: `containers` was one phase for both services. */
export const PHASE_ALIASES: PhaseAliases = { containers: ['sqlserver', 'neo4j'] };

export function upPhases(): Phase<UpContext>[] {
  return [
    preflightPhase,
    sqlServerPhase,
    neo4jPhase,
    clrBuildPhase,
    databasePhase,
    filestreamPhase,
    clrDeployPhase,
    migrationPhase,
    brokerPhase,
    programmabilityPhase,
    seedPhase,
    verifyPhase,
    neo4jSchemaPhase,
    neo4jSeedPhase,
    neo4jVerifyPhase,
  ];
}
