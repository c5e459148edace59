// The phases of `up`, in one list. The runner derives the parallelism from `needs`:
// preflight → { containers, clr-build } → database → { filestream, migration, clr-deploy } → broker →
// programmability → seed → verify, with the Neo4j chain (schema → seed → verify) beside the SQL Server
// chain once the containers are up.
import type { Phase } from '../engine/phase.js';
import { brokerPhase } from './broker.js';
import { clrBuildPhase } from './clr-build.js';
import { clrDeployPhase } from './clr-deploy.js';
import { containersPhase } from './containers.js';
import type { UpContext } from './context.js';
import { databasePhase } from './database.js';
import { filestreamPhase } from './filestream.js';
import { migrationPhase } from './migration.js';
import { neo4jSchemaPhase } from './neo4j-schema.js';
import { neo4jSeedPhase } from './neo4j-seed.js';
import { neo4jVerifyPhase } from './neo4j-verify.js';
import { preflightPhase } from './preflight.js';
import { programmabilityPhase } from './programmability.js';
import { seedPhase } from './seed.js';
import { verifyPhase } from './verify.js';

export function upPhases(): Phase<UpContext>[] {
  return [
    preflightPhase,
    containersPhase,
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
