// containers: SQL Server and Neo4j running and accepting logins, in parallel; fills
// ctx.state.sqlServer and ctx.state.neo4j. With HART_SQL_URL / HART_NEO4J_URL that service is an
// existing server: no container, only the readiness check.
//
// The warm path (both containers running with an unchanged spec) must be fast: one inspect per
// container through the light engine reader, and when Docker's healthcheck (a real login inside the
// container) says healthy, one TCP connect to the published port — neither dockerode nor the database
// drivers are loaded. dockerode is loaded only when a container must change or be watched.
import type Dockerode from 'dockerode';
import type { Config } from '../config/load.js';
import { dockerUnreachable, isConnectionError, openDocker, openEngineReader, type DockerTarget } from '../docker/connect.js';
import type { EngineReader } from '../docker/engine-reader.js';
import type { AskStreams } from '../docker/ask-yes-no.js';
import { ensureEulaConsent } from '../docker/eula-consent.js';
import { neo4jEndpoint, sqlEndpoint } from '../docker/external-endpoints.js';
import {
  neo4jLoginProbe,
  sqlLoginProbe,
  tcpAccepts,
  waitForNeo4j,
  waitForSqlServer,
  type LoginProbe,
  type ReadinessOptions,
} from '../docker/readiness.js';
import { ensureServiceContainer, reusedContainer, type EnsuredContainer } from '../docker/service-container.js';
import { isLoopback, neo4jSpec, sqlServerSpec, type ContainerSpec, type ServiceName } from '../docker/service-specs.js';
import type { Neo4jEndpoint } from '../neo4j/endpoint.js';
import type { SqlEndpoint } from '../sqlserver/endpoint.js';
import { done, type Phase, type PhaseReporter, type Progress } from '../engine/phase.js';
import type { UpContext } from './context.js';

/** External servers get a shorter wait: they are either there or not. */
const EXTERNAL_READY_MS = 30_000;

export interface ContainersPhaseOptions {
  /** Where the EULA question is asked (default: stdin and stderr). */
  streams?: AskStreams;
  /** The login probes; tests replace them where no real server can run. */
  probes?: {
    sql?: (endpoint: SqlEndpoint) => LoginProbe;
    neo4j?: (endpoint: Neo4jEndpoint) => LoginProbe;
  };
}

const TITLES: Record<ServiceName, string> = { sqlserver: 'SQL Server', neo4j: 'Neo4j' };

function describe(service: ServiceName, ensured: EnsuredContainer): string {
  const title = TITLES[service];
  switch (ensured.action) {
    case 'reused':
      return `${title} reused (${ensured.name})`;
    case 'started':
      return `${title} started (${ensured.name})`;
    case 'created':
      return `${title} created (${ensured.name})`;
    case 'recreated':
      return `${title} recreated (${ensured.reason ?? 'its settings changed'})`;
  }
}

/** Pull progress of both services as one bar: the phase has one progress. */
function sharedProgress(report: PhaseReporter): (service: ServiceName) => (p: Progress) => void {
  const parts = new Map<ServiceName, Progress>();
  return (service) => (p) => {
    parts.set(service, p);
    let doneBytes = 0;
    let total = 0;
    for (const part of parts.values()) {
      doneBytes += part.done;
      total += part.total ?? 0;
    }
    report.progress({ done: doneBytes, total, unit: p.unit });
  };
}

interface ServiceRun {
  service: ServiceName;
  spec: ContainerSpec;
  /** The endpoint a client uses once the container is ready. */
  host: string;
  port: number;
  wait(options: ReadinessOptions): Promise<void>;
}

/** The engine, read through the light reader; dockerode opened on first need and shared by both services. */
interface Engine {
  reader: EngineReader;
  target: DockerTarget;
  dockerode(): Promise<Dockerode>;
}

async function bringUp(
  engine: Engine,
  run: ServiceRun,
  config: Config,
  report: PhaseReporter,
  progress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<string> {
  const { spec, service } = run;
  let existing: Dockerode.ContainerInspectInfo | undefined;
  try {
    existing = await engine.reader.inspectContainer(spec.name);
  } catch (error) {
    throw isConnectionError(error) ? dockerUnreachable(engine.target, error) : error;
  }
  // Warm path: running with this spec, and Docker's healthcheck logged in inside the container
  // moments ago; one TCP connect proves the published port reaches it.
  const reused = existing === undefined ? undefined : reusedContainer(existing, spec);
  if (reused?.healthy === true && (await tcpAccepts(run.host, run.port))) return describe(service, reused);
  const docker = await engine.dockerode();
  const ensured =
    reused ??
    (await ensureServiceContainer(docker, spec, {
      signal,
      existing: existing ?? null,
      report: { status: (m) => report.status(m), progress },
    }));
  const summary = describe(service, ensured);
  if (ensured.action === 'recreated') report.log(`${spec.name} recreated: ${ensured.reason ?? 'its settings changed'} (volume ${spec.volume.name} kept)`);
  report.status(`Waiting for ${TITLES[service]} to accept logins`);
  await run.wait({
    deadline: Date.now() + config.readyTimeoutMs,
    signal,
    report: { status: (m) => report.status(`${TITLES[service]}: ${m}`) },
    container: { docker, id: ensured.id, name: ensured.name, service, project: config.project, volumeExisted: ensured.volumeExisted },
  });
  return `${summary}, ready`;
}

export function createContainersPhase(options: ContainersPhaseOptions = {}): Phase<UpContext> {
  return {
    id: 'containers',
    title: 'SQL Server and Neo4j',
    needs: ['preflight'],
    async run(ctx, { signal, report }) {
      const { config } = ctx;
      const sql = sqlEndpoint(config);
      const neo4j = neo4jEndpoint(config);
      const sqlProbe = (options.probes?.sql ?? ((e: SqlEndpoint) => sqlLoginProbe(e)))(sql);
      const neo4jProbe = (options.probes?.neo4j ?? ((e: Neo4jEndpoint) => neo4jLoginProbe(e)))(neo4j);
      const externalOptions = (name: string): ReadinessOptions => ({
        deadline: Date.now() + Math.min(config.readyTimeoutMs, EXTERNAL_READY_MS),
        signal,
        report: { status: (m) => report.status(`${name}: ${m}`) },
      });

      const runs: ServiceRun[] = [];
      const tasks: Promise<string>[] = [];
      if (sql.external) {
        tasks.push(waitForSqlServer(sql, externalOptions('SQL Server'), sqlProbe).then(() => `SQL Server at ${sql.host},${sql.port} (external)`));
      } else {
        await ensureEulaConsent(config, {
          interactive: ctx.interactive,
          streams: options.streams ?? { input: process.stdin, output: process.stderr },
          signal,
        });
        runs.push({
          service: 'sqlserver',
          spec: sqlServerSpec(config, { eulaAccepted: true }),
          host: sql.host,
          port: sql.port,
          wait: (o) => waitForSqlServer(sql, o, sqlProbe),
        });
      }
      if (neo4j.external) {
        tasks.push(waitForNeo4j(neo4j, externalOptions('Neo4j'), neo4jProbe).then(() => `Neo4j at ${neo4j.url} (external)`));
      } else {
        runs.push({
          service: 'neo4j',
          spec: neo4jSpec(config),
          host: new URL(neo4j.url).hostname.replace(/^\[(.*)\]$/, '$1'),
          port: config.neo4j.boltPort,
          wait: (o) => waitForNeo4j(neo4j, o, neo4jProbe),
        });
      }
      if (runs.length > 0) {
        if (!isLoopback(config.bindAddress)) {
          report.log(`Warning: ports are published on ${config.bindAddress}, not on loopback: other machines on the network can reach SQL Server (sa) and Neo4j.`);
        }
        const { reader, target } = await openEngineReader(ctx.env);
        let opened: Promise<Dockerode> | undefined;
        const engine: Engine = { reader, target, dockerode: () => (opened ??= openDocker(ctx.env).then((o) => o.docker)) };
        const progressOf = sharedProgress(report);
        for (const run of runs) tasks.push(bringUp(engine, run, config, report, progressOf(run.service), signal));
      }
      // Both services in parallel; the first failure wins, the other keeps its container running.
      const results = await Promise.allSettled(tasks);
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure !== undefined) throw failure.reason;
      ctx.state.sqlServer = sql;
      ctx.state.neo4j = neo4j;
      return done(results.map((r) => (r.status === 'fulfilled' ? r.value : '')).join('; '));
    },
  };
}

export const containersPhase: Phase<UpContext> = createContainersPhase();
