// Sources, highest first: flags, process environment, .env.local, .env, defaults. The result is one
// validated Config; a bad value names the variable, where it came from, what is wrong and an example.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'dotenv';
import { nearestName } from '../engine/nearest-name.js';
import { UsageError } from '../engine/errors.js';
import { generatePassword, neo4jPasswordProblem, sqlPasswordProblem } from './passwords.js';
import { hasSavedEulaConsent } from './consent.js';
import { readSecrets, secretsPath, writeSecrets } from './secrets-file.js';
import { VARIABLES, type VariableName, type VariableSpec } from './variables.js';

export type ValueSource = 'flag' | 'environment' | '.env.local' | '.env' | 'secrets' | 'saved' | 'generated' | 'default';

/** A bad configuration value: exit code 2, and `variable` says which one (doctor groups by it). */
export class ConfigError extends UsageError {
  readonly variable: string;

  constructor(variable: string, message: string, hint: string) {
    super(message, { hint, code: 'config-invalid' });
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export interface Config {
  cwd: string;
  /** <cwd>/.hart: generated secrets, caches (CLR build), saved consent. */
  stateDir: string;
  project: string;
  bindAddress: string;
  readyTimeoutMs: number;
  sql: {
    image: string;
    port: number;
    database: string;
    saPassword: string;
    url: string | undefined;
    memoryMb: number;
    collation: string;
    acceptEula: boolean;
    /** HART_SQL_FILESTREAM: enable FILESTREAM on an external Windows server. */
    filestream: boolean;
    /** HART_SQL_BACKUP_DIR: where snapshots are written, as the server names the folder (undefined: the container's own). */
    backupDir: string | undefined;
  };
  neo4j: {
    image: string;
    boltPort: number;
    httpPort: number;
    user: string;
    password: string;
    url: string | undefined;
    apoc: boolean;
    /** SIMILAR_TO edges per atom in the graph seed. */
    similarK: number;
    /** Heap and page cache sizes as Neo4j writes them: 512M, 1G. */
    heap: string;
    pagecache: string;
  };
  /** sqlProject: HART_SQL_PROJECT, an SSDT .sqlproj file (check and plan read it instead of sqlDir). */
  paths: { sqlDir: string; seedsDir: string; sqlProject: string | undefined };
  clr: { dll: string | undefined; project: string | undefined };
  /** Where each variable's value came from (for `doctor` and error messages). */
  sources: Partial<Record<VariableName, ValueSource>>;
  /** Secret values of this run: the redactor masks them everywhere. */
  secrets: string[];
}

export interface LoadOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Flag values by flag name (without dashes), as parsed from argv. */
  flags?: Record<string, string | boolean | undefined>;
  /** Generate and persist missing passwords (true for commands that start services). */
  persistGenerated?: boolean;
}

/** A good value to show for a variable: a port's default, else one of its kind. */
function exampleOf(spec: VariableSpec): string {
  if (spec.kind === 'port' && spec.default !== undefined) return spec.default;
  return EXAMPLES[spec.kind] ?? 'value';
}

const EXAMPLES: Record<string, string> = {
  port: '1433',
  int: '120',
  bool: 'true',
  host: '127.0.0.1',
  url: 'bolt://localhost:7687',
  string: 'hart',
  path: 'sql',
  secret: 'Str0ng.Passw0rd',
};

interface RawValue {
  value: string;
  source: ValueSource;
}

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parse(readFileSync(path));
  } catch (error) {
    throw new UsageError(`Can't read ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Fix the file (one NAME=value per line) or remove it.',
      code: 'config-file',
    });
  }
}

/** dotenv skips lines it cannot parse; a line that is not NAME=value, a comment or blank is reported. */
function checkEnvFileSyntax(path: string): void {
  if (!existsSync(path)) return;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  let inQuote: string | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (inQuote !== undefined) {
      if (line.endsWith(inQuote)) inQuote = undefined;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (m === null) {
      throw new UsageError(`${path}:${index + 1}: "${raw.trim().slice(0, 40)}" is not a NAME=value line`, {
        hint: 'Each line of an env file is NAME=value, a # comment or blank, e.g. HART_SQL_PORT=1433',
        location: { file: path, line: index + 1 },
        code: 'config-file',
      });
    }
    const value = m[2] ?? '';
    const q = value.charAt(0);
    if ((q === '"' || q === "'" || q === '`') && (value.length === 1 || !value.slice(1).trimEnd().includes(q))) inQuote = q;
  });
}

function describeSource(source: ValueSource, cwd: string, spec: VariableSpec): string {
  switch (source) {
    case 'flag':
      return spec.flag === undefined ? 'a flag' : `flag --${spec.flag}`;
    case 'environment':
      return 'the environment';
    case '.env.local':
    case '.env':
      return join(cwd, source);
    case 'secrets':
      return '.hart/secrets.env';
    case 'saved':
      return 'the consent saved in .hart';
    default:
      return source;
  }
}

/**
 * The payload folder the configuration names, when it is not a folder: the usage error naming the
 * setting it came from (HART_SQL_DIR or --sql-dir) and what to give it; undefined when it is there.
 */
export function missingPayloadFolder(config: Config): UsageError | undefined {
  try {
    if (statSync(config.paths.sqlDir).isDirectory()) return undefined;
  } catch {
    // Not there: the error below.
  }
  const from = config.sources.HART_SQL_DIR === 'flag' ? '--sql-dir' : 'HART_SQL_DIR';
  return new UsageError(`The SQL payload folder ${config.paths.sqlDir} does not exist (${from})`, {
    hint: `Give ${from} the folder that holds migrations/ and programmability/ (default: sql), or run from the project's root.`,
  });
}

/** HART_* names read elsewhere than the configuration table (test-only phases, see README). */
const OTHER_KNOWN = ['HART_TEST_PHASES'];

export interface UnknownVariable {
  name: string;
  /** 'environment', '.env' or '.env.local'. */
  where: string;
  /** The known variable it most likely means. */
  near?: string;
}

/**
 * HART_* names in the environment, .env or .env.local that no setting has: most often a typo that
 * would silently leave the default in force (HART_SQL_PROT for HART_SQL_PORT).
 */
export function unknownVariables(cwd: string, env: NodeJS.ProcessEnv): UnknownVariable[] {
  const known = [...VARIABLES.map((v) => v.name as string), ...OTHER_KNOWN];
  const out: UnknownVariable[] = [];
  const sources: [string, Record<string, unknown>][] = [
    ['environment', env],
    ['.env.local', readEnvFile(join(resolve(cwd), '.env.local'))],
    ['.env', readEnvFile(join(resolve(cwd), '.env'))],
  ];
  for (const [where, values] of sources) {
    for (const name of Object.keys(values)) {
      if (!name.startsWith('HART_') || known.includes(name)) continue;
      const near = nearestName(name, known);
      out.push(near === undefined ? { name, where } : { name, where, near });
    }
  }
  return out;
}

export function loadConfig(options: LoadOptions): Config {
  const cwd = resolve(options.cwd);
  const stateDir = join(cwd, '.hart');
  const flags = sqlProjectFlag(options.flags ?? {});
  for (const file of ['.env', '.env.local']) checkEnvFileSyntax(join(cwd, file));
  const dotenv = readEnvFile(join(cwd, '.env'));
  const dotenvLocal = readEnvFile(join(cwd, '.env.local'));
  const saved = readSecrets(stateDir);

  const raw = new Map<VariableName, RawValue>();
  for (const spec of VARIABLES) {
    const fromFlag = 'flag' in spec ? flags[spec.flag] : undefined;
    const candidates: [string | boolean | undefined, ValueSource][] = [
      [fromFlag, 'flag'],
      [options.env[spec.name], 'environment'],
      [dotenvLocal[spec.name], '.env.local'],
      [dotenv[spec.name], '.env'],
      [spec.kind === 'secret' ? saved[spec.name] : undefined, 'secrets'],
      // The EULA consent given once at an interactive prompt (see consent.ts).
      [spec.name === 'HART_ACCEPT_EULA' && hasSavedEulaConsent(stateDir) ? 'Y' : undefined, 'saved'],
      ['default' in spec ? spec.default : undefined, 'default'],
    ];
    for (const [value, source] of candidates) {
      if (value === undefined) continue;
      const text = typeof value === 'boolean' ? String(value) : value;
      if (text === '' && source !== 'default') continue;
      raw.set(spec.name, { value: text, source });
      break;
    }
  }

  const sources: Partial<Record<VariableName, ValueSource>> = {};
  const fail = (spec: VariableSpec, value: RawValue, problem: string, example?: string): never => {
    const shown = spec.kind === 'secret' ? '(hidden)' : `"${spec.kind === 'url' ? maskUrlPassword(value.value) : value.value}"`;
    throw new ConfigError(
      spec.name,
      `${spec.name} ${shown} from ${describeSource(value.source, cwd, spec)} ${problem}`,
      // The hint names the setting where the value came from (the flag for a flag's value); a port's
      // example is its own default.
      value.source === 'flag' && spec.flag !== undefined
        ? `Pass a valid value, e.g. --${spec.flag} ${example ?? exampleOf(spec)}`
        : `Set a valid value, e.g. ${spec.name}=${example ?? exampleOf(spec)}`,
    );
  };
  const specOf = (name: VariableName): VariableSpec => {
    const spec = VARIABLES.find((v) => v.name === name);
    if (spec === undefined) throw new Error(`unknown variable ${name}`);
    return spec;
  };
  const get = (name: VariableName): RawValue | undefined => {
    const v = raw.get(name);
    if (v !== undefined) sources[name] = v.source;
    return v;
  };
  const str = (name: VariableName): string => get(name)?.value ?? '';
  const opt = (name: VariableName): string | undefined => {
    const v = get(name)?.value;
    return v === undefined || v === '' ? undefined : v;
  };
  const int = (name: VariableName, min: number, max: number): number => {
    const v = get(name);
    if (v === undefined) throw new Error(`${name} has no default`);
    if (!/^\d+$/.test(v.value.trim())) fail(specOf(name), v, 'is not a whole number');
    const n = Number(v.value.trim());
    if (n < min || n > max) fail(specOf(name), v, `is out of range (${min}–${max})`);
    return n;
  };
  const port = (name: VariableName): number => int(name, 1, 65535);
  const bool = (name: VariableName): boolean => {
    const v = get(name);
    if (v === undefined || v.value === '') return false;
    const t = v.value.trim().toLowerCase();
    if (['y', 'yes', 'true', '1', 'on'].includes(t)) return true;
    if (['n', 'no', 'false', '0', 'off'].includes(t)) return false;
    return fail(specOf(name), v, 'is not a yes/no value', 'true');
  };
  const memorySize = (name: VariableName): string => {
    const v = get(name);
    if (v === undefined) throw new Error(`${name} has no default`);
    if (!/^\d+[kKmMgG]?$/.test(v.value.trim())) fail(specOf(name), v, 'is not a size like 512M or 2G', '1G');
    return v.value.trim().toUpperCase();
  };
  const path = (name: VariableName): string => {
    const p = str(name);
    if (isAbsolute(p)) return p;
    const local = join(cwd, p);
    // A default folder missing from the project falls back to the payload shipped with the package,
    // so `npx hart-dev up` works from any folder; a folder the user named must exist where they said.
    if (sources[name] === 'default' && !existsSync(local)) {
      const bundled = fileURLToPath(new URL(`../../${p}`, import.meta.url));
      if (existsSync(bundled)) return bundled;
    }
    return local;
  };
  const optPath = (name: VariableName): string | undefined => {
    const p = opt(name);
    if (p === undefined) return undefined;
    return isAbsolute(p) ? p : join(cwd, p);
  };

  const project = str('HART_PROJECT');
  if (!/^[a-z0-9][a-z0-9_-]{0,30}$/.test(project)) {
    fail(specOf('HART_PROJECT'), raw.get('HART_PROJECT') ?? { value: project, source: 'default' }, 'is not a valid project name (lower-case letters, digits, "-" and "_", up to 31 characters)', 'hart');
  }
  const bindAddress = str('HART_BIND_ADDRESS');
  if (!/^[0-9a-fA-F:.]+$/.test(bindAddress) && bindAddress !== 'localhost') {
    fail(specOf('HART_BIND_ADDRESS'), raw.get('HART_BIND_ADDRESS') ?? { value: bindAddress, source: 'default' }, 'is not an IP address');
  }
  const urlOf = (name: VariableName, schemes: string[]): string | undefined => {
    const v = get(name);
    if (v === undefined || v.value === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(v.value);
    } catch {
      return fail(specOf(name), v, 'is not a URL', `${schemes[0]}://localhost`);
    }
    if (!schemes.includes(parsed.protocol.replace(/:$/, ''))) {
      fail(specOf(name), v, `has scheme "${parsed.protocol}", expected ${schemes.map((s) => `${s}://`).join(' or ')}`, `${schemes[0]}://localhost`);
    }
    return v.value;
  };

  // Passwords: validate what the user gave; generate and persist what is missing.
  const generated: Record<string, string> = {};
  const secret = (name: VariableName, problemOf: (p: string) => string | undefined): string => {
    const v = get(name);
    if (v === undefined) {
      const password = generatePassword();
      generated[name] = password;
      sources[name] = 'generated';
      return password;
    }
    const problem = problemOf(v.value);
    if (problem !== undefined) fail(specOf(name), v, problem);
    return v.value;
  };
  const saPassword = secret('HART_SQL_SA_PASSWORD', (p) => sqlPasswordProblem(p, 'sa'));
  const neo4jUser = str('HART_NEO4J_USER');
  const neo4jPassword = secret('HART_NEO4J_PASSWORD', (p) => neo4jPasswordProblem(p));
  if (Object.keys(generated).length > 0 && options.persistGenerated === true) {
    writeSecrets(stateDir, { ...saved, ...generated });
  }

  const sqlUrl = urlOf('HART_SQL_URL', ['sqlserver', 'mssql']);
  const neo4jUrl = urlOf('HART_NEO4J_URL', ['bolt', 'neo4j', 'bolt+s', 'bolt+ssc', 'neo4j+s', 'neo4j+ssc']);
  const config: Config = {
    cwd,
    stateDir,
    project,
    bindAddress,
    readyTimeoutMs: int('HART_READY_TIMEOUT', 1, 3600) * 1000,
    sql: {
      image: str('HART_SQL_IMAGE'),
      port: port('HART_SQL_PORT'),
      database: str('HART_SQL_DATABASE'),
      saPassword,
      url: sqlUrl,
      memoryMb: int('HART_SQL_MEMORY_MB', 2048, 1_048_576),
      collation: str('HART_SQL_COLLATION'),
      acceptEula: bool('HART_ACCEPT_EULA'),
      filestream: bool('HART_SQL_FILESTREAM'),
      backupDir: opt('HART_SQL_BACKUP_DIR'),
    },
    neo4j: {
      image: str('HART_NEO4J_IMAGE'),
      boltPort: port('HART_NEO4J_BOLT_PORT'),
      httpPort: port('HART_NEO4J_HTTP_PORT'),
      user: neo4jUser,
      password: neo4jPassword,
      url: neo4jUrl,
      apoc: bool('HART_NEO4J_APOC'),
      similarK: int('HART_NEO4J_SIMILAR_K', 0, 100),
      heap: memorySize('HART_NEO4J_HEAP'),
      pagecache: memorySize('HART_NEO4J_PAGECACHE'),
    },
    paths: { sqlDir: path('HART_SQL_DIR'), seedsDir: path('HART_SEEDS_DIR'), sqlProject: optPath('HART_SQL_PROJECT') },
    clr: { dll: optPath('HART_CLR_DLL'), project: optPath('HART_CLR_PROJECT') },
    sources,
    // A password written inside HART_SQL_URL / HART_NEO4J_URL is a secret too (as typed and decoded).
    secrets: [saPassword, neo4jPassword, ...urlPasswords(sqlUrl), ...urlPasswords(neo4jUrl)],
  };
  if (config.paths.sqlProject !== undefined && !isFile(config.paths.sqlProject)) {
    const v = raw.get('HART_SQL_PROJECT') ?? { value: config.paths.sqlProject, source: 'default' };
    fail(specOf('HART_SQL_PROJECT'), v, existsSync(config.paths.sqlProject) ? 'is not a file' : 'does not exist', 'src/Hartonomous.Database/Hartonomous.Database.sqlproj');
  }
  if (!/^[A-Za-z_][A-Za-z0-9_@#$]{0,127}$/.test(config.sql.database)) {
    fail(specOf('HART_SQL_DATABASE'), raw.get('HART_SQL_DATABASE') ?? { value: config.sql.database, source: 'default' }, 'is not a plain SQL Server identifier', 'Hartonomous');
  }
  return config;
}

export { secretsPath };

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `--project PATH.sqlproj` names the SQL project (the issue's spelling): a project name (HART_PROJECT,
 * also --project) has no dot, so a value ending in .sqlproj can only mean the file.
 */
function sqlProjectFlag(flags: Record<string, string | boolean | undefined>): Record<string, string | boolean | undefined> {
  const value = flags.project;
  if (typeof value !== 'string' || !/\.sqlproj$/i.test(value.trim())) return flags;
  return { ...flags, project: undefined, 'sql-project': flags['sql-project'] ?? value };
}

/** The password part of a URL, as written and percent-decoded: both forms can reach a log line. */
export function urlPasswords(url: string | undefined): string[] {
  if (url === undefined) return [];
  try {
    const { password } = new URL(url);
    if (password === '') return [];
    const decoded = decodeURIComponent(password);
    return decoded === password ? [password] : [password, decoded];
  } catch {
    return [];
  }
}

/** A URL for messages: user kept, password replaced. Unparseable text is shown up to any "@". */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return url.includes('@') ? `${url.slice(0, url.indexOf('://') + 3)}****@${url.slice(url.lastIndexOf('@') + 1)}` : url;
  }
}
