// What every phase of `up` (and reset/seed) receives. `state` carries results from one phase to
// the phases that need it (the sqlserver and neo4j phases fill the endpoints, clr-build the artifact).
import type { ClrArtifact } from '../clr/artifact.js';
import type { Config } from '../config/load.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { SqlRunState } from '../sqlserver/deploy-run.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import type { SnapshotRunState } from '../snapshot/run-state.js';

export interface UpState {
  sqlServer?: SqlEndpoint;
  neo4j?: Neo4jEndpoint;
  clr?: ClrArtifact;
  /** What the SQL Server phases share in this run: options, database status, journal, plan (deploy-run.ts). */
  sqlRun?: SqlRunState;
  /** `snapshot save` / `snapshot restore`: the name, options and what each part's phase did. */
  snapshot?: SnapshotRunState;
}

export interface UpContext {
  config: Config;
  /** stderr is a TTY, CI unset, no --json, TERM not dumb: we may ask questions. */
  interactive: boolean;
  /** --yes: confirmations answered yes (required for destructive work when not interactive). */
  yes: boolean;
  state: UpState;
  /** The environment of this run (Docker host, PATH for toolchains): never read process.env in a phase. */
  env: NodeJS.ProcessEnv;
}
