// Starting and stopping the Neo4j test server (Launcher.java, Neo4j Community 5.26 embedded with a
// Bolt connector on 127.0.0.1). Used by the integration suite's global setup, the benchmark and
// `npm run neo4j:test-server`. Only node: imports, so it also runs under plain `node`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = dirname(fileURLToPath(import.meta.url));

export interface Neo4jTestServer {
  url: string;
  user: string;
  password: string;
  /** Java process id (ours). */
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 (default) = a free port chosen by the launcher. */
  port?: number;
  password?: string;
  /** Extra neo4j.conf lines, name=value. */
  settings?: string[];
  /** Java heap maximum; the machine has 2 cores and is shared, so keep it modest. */
  heap?: string;
  timeoutMs?: number;
  /** Called with every line the server writes to stderr. */
  onLog?: (line: string) => void;
}

/** The startup failed: the server's own output says why (e.g. strict config validation). */
export class Neo4jStartError extends Error {
  readonly output: string[];
  constructor(message: string, output: string[]) {
    super(message);
    this.output = output;
    this.name = 'Neo4jStartError';
  }
}

/**
 * Fetches Neo4j with Maven and compiles the launcher when not done yet (build.sh is a no-op then).
 * Throws — never skips — when Java, Maven or the artifacts are missing.
 */
export function buildNeo4jTestServer(): void {
  const result = spawnSync('bash', [join(SERVER_DIR, 'build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `The Neo4j test server could not be built (bash test/neo4j-server/build.sh exited ${result.status ?? result.error?.message}).\n${output}\n` +
        'Install a JDK 17 and Maven, make sure Maven Central is reachable, then run: bash test/neo4j-server/build.sh --force',
    );
  }
}

function classpath(): string {
  const classes = join(SERVER_DIR, 'target', 'classes');
  const lib = join(SERVER_DIR, 'target', 'lib');
  if (!existsSync(classes) || !existsSync(lib)) throw new Error('The Neo4j test server is not built: run bash test/neo4j-server/build.sh');
  return `${classes}:${lib}/*`;
}

export function startNeo4jTestServer(options: StartOptions = {}): Promise<Neo4jTestServer> {
  const password = options.password ?? 'hart-test-password';
  const args = [
    `-Xms128m`,
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+ExitOnOutOfMemoryError',
    // Neo4j reads these JDK internals for its page cache and off-heap memory.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    classpath(),
    'dev.hart.testserver.Launcher',
    '--port',
    String(options.port ?? 0),
    '--password',
    password,
    ...(options.settings ?? []).flatMap((s) => ['--setting', s]),
  ];
  const child: ChildProcess = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const output: string[] = [];
  const timeoutMs = options.timeoutMs ?? 180_000;

  return new Promise((resolve, reject) => {
    let settled = false;
    let stdoutBuffer = '';
    let stderrBuffer = '';
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Neo4jStartError(`${message}\n${output.slice(-25).join('\n')}`, output));
    };
    const timer = setTimeout(() => fail(`The Neo4j test server did not become ready within ${timeoutMs / 1000} s`), timeoutMs);
    child.on('error', (error) => fail(`Can't start java: ${error.message}. Install a JDK 17.`));
    child.on('exit', (code) => fail(`The Neo4j test server exited with code ${code} before it was ready`));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrBuffer += chunk;
      const lines = stderrBuffer.split('\n');
      stderrBuffer = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (output.length > 500) output.shift();
        options.onLog?.(line);
      }
    });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdoutBuffer += chunk;
      const match = /^NEO4J_READY (\{.*\})$/m.exec(stdoutBuffer);
      if (match === null || settled) return;
      const ready: unknown = JSON.parse(match[1] ?? '{}');
      if (typeof ready !== 'object' || ready === null || !('url' in ready) || typeof ready.url !== 'string') return fail('The launcher printed no URL');
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const pid = child.pid ?? -1;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        url: ready.url,
        user: 'neo4j',
        password,
        pid,
        async stop(): Promise<void> {
          if (child.exitCode !== null) return;
          // Closing stdin is the launcher's signal to shut down cleanly and remove its data folder.
          child.stdin?.end();
          const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
