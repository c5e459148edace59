// An SSDT database project (.sqlproj) as the build sees it: which .sql files make the database model
// (Build items), the pre- and post-deployment scripts, the sqlcmd variables, the default collation
// and schema, and the system databases it references. Classic projects (SSDT in Visual Studio) list
// every file; SDK-style projects (Microsoft.Build.Sql, MSBuild.Sdk.SqlProj) take every .sql file under
// the project folder unless told otherwise.
//
// Decisions, from Microsoft.Build.Sql's Sdk.props / Sdk.targets and docs/Converting-Existing.md
// (microsoft/DacFx):
// - SDK-style default items: `**/*.sql` under the project folder minus `bin/**` and `obj/**`, unless
//   EnableDefaultSqlItems (or MSBuild.Sdk.SqlProj's EnableDefaultItems) is false.
// - PreDeploy, PostDeploy and None items are removed from Build (`<Build Remove="@(None)" />` …), so
//   `<None Include="x.sql" />` takes a globbed file out of the model; `Build Remove` does too.
// - PackageReference Microsoft.SqlServer.Dacpacs.Master / .Msdb and an ArtifactReference to
//   master.dacpac / msdb.dacpac are the system database references (their objects are known). Any
//   other ArtifactReference or a ProjectReference is remembered: its objects are not read here.
// MSBuild.Sdk.SqlProj names the model's files as Content items as well as Build; both are read.
// Unknown elements are ignored. A file that is not well-formed XML is an error at its line.
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../engine/errors.js';
import { expandSpec, isWildcardSpec, specPath } from './glob.js';
import { ProjectProperties } from './properties.js';
import { localName, parseXml, XmlSyntaxError, type XmlElement } from './xml.js';

export type SystemDatabase = 'master' | 'msdb';

export interface SqlCmdVariable {
  name: string;
  /** The project's value: Value (after $(…) expansion) when not empty, else DefaultValue. */
  value?: string;
  line: number;
}

/** A Build, PreDeploy or PostDeploy item naming a file that is not there. */
export interface MissingItem {
  item: string;
  include: string;
  line: number;
  col: number;
}

export interface SqlProject {
  /** Absolute path of the .sqlproj file. */
  file: string;
  dir: string;
  name: string;
  style: 'sdk' | 'classic';
  /** Microsoft.Build.Sql, MSBuild.Sdk.SqlProj, … for an SDK-style project. */
  sdk?: string;
  /** The files of the database model, absolute, sorted by path. */
  build: string[];
  preDeploy: string[];
  postDeploy: string[];
  variables: SqlCmdVariable[];
  defaultCollation?: string;
  defaultSchema?: string;
  systemDatabases: SystemDatabase[];
  /** Other database references (a .dacpac, another project): their objects are not read here. */
  externalReferences: string[];
  missing: MissingItem[];
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sdkOf(root: XmlElement): string | undefined {
  const fromAttribute = root.attributes.Sdk;
  if (fromAttribute !== undefined && fromAttribute.trim() !== '') return fromAttribute.split(/[;/]/)[0]?.trim();
  for (const child of root.children) {
    if (localName(child) === 'Sdk' && child.attributes.Name !== undefined) return child.attributes.Name.trim();
    if (localName(child) === 'Import' && child.attributes.Sdk !== undefined) return child.attributes.Sdk.split('/')[0]?.trim();
  }
  return undefined;
}

function systemDatabaseOf(item: XmlElement, kind: string): SystemDatabase | undefined {
  const include = (item.attributes.Include ?? '').trim();
  const literal = item.children.find((c) => localName(c) === 'DatabaseVariableLiteralValue')?.text.trim().toLowerCase();
  if (kind === 'PackageReference') {
    const id = include.toLowerCase();
    if (!id.startsWith('microsoft.sqlserver.dacpacs')) return undefined;
    if (id.endsWith('msdb')) return 'msdb';
    return 'master';
  }
  const name = basename(specPath(include)).toLowerCase().replace(/\.dacpac$/, '');
  if (name === 'master' || name === 'msdb') return name;
  if (literal === 'master' || literal === 'msdb') return literal;
  return undefined;
}

const splitSpecs = (value: string): string[] =>
  value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function shown(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel.split(sep).join('/');
}

/** Reads and evaluates a project file; a usage error (exit 2) naming file:line when it is not a readable project. */
export function readSqlProject(path: string, cwd: string = process.cwd()): SqlProject {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Can't read the SQL project ${shown(file, cwd)}${code === 'ENOENT' ? ': it does not exist' : code === 'EISDIR' ? ': it is a folder' : ''}`, {
      hint: 'Give the path of the .sqlproj file (HART_SQL_PROJECT or --project PATH.sqlproj).',
      code: 'sqlproj-unreadable',
    });
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    throw new UsageError(`${shown(file, cwd)}:${error.line}:${error.col}: the project file is not well-formed XML: ${error.message}`, {
      hint: 'Fix the project file at that line (an unclosed or mismatched tag, an unquoted attribute, a stray & or <), or open it in an editor that checks XML.',
      location: { file, line: error.line, col: error.col },
      code: 'sqlproj-malformed',
    });
  }
  if (localName(root) !== 'Project') {
    throw new UsageError(`${shown(file, cwd)}:${root.line}:${root.col}: the root element is <${root.name}>, not <Project>: this is not an MSBuild project file`, {
      hint: 'Give the .sqlproj file of the database project.',
      location: { file, line: root.line, col: root.col },
      code: 'sqlproj-malformed',
    });
  }
  return evaluate(root, file);
}

function evaluate(root: XmlElement, file: string): SqlProject {
  const dir = dirname(file);
  const props = new ProjectProperties(root);
  const sdk = sdkOf(root);
  const style = sdk === undefined ? 'classic' : 'sdk';
  const build = new Set<string>();
  const removed = new Set<string>();
  const preDeploy: string[] = [];
  const postDeploy: string[] = [];
  const variables: SqlCmdVariable[] = [];
  const systems = new Set<SystemDatabase>();
  const external: string[] = [];
  const missing: MissingItem[] = [];
  const isFalse = (name: string): boolean => props.get(name)?.toLowerCase() === 'false';
  const sqlOnly = (files: string[]): string[] => files.filter((f) => extname(f).toLowerCase() === '.sql');

  if (style === 'sdk' && !isFalse('EnableDefaultSqlItems') && !isFalse('EnableDefaultItems')) {
    for (const f of expandSpec('**/*.sql', dir)) build.add(f);
    for (const spec of ['bin/**/*.sql', 'obj/**/*.sql']) for (const f of expandSpec(spec, dir)) build.delete(f);
  }
  const modelItem = (kind: string): boolean => kind === 'Build' || (kind === 'Content' && sdk === 'MSBuild.Sdk.SqlProj');

  for (const group of root.children) {
    if (localName(group) !== 'ItemGroup') continue;
    for (const item of group.children) {
      const kind = localName(item);
      const include = props.expand(item.attributes.Include ?? '');
      const remove = props.expand(item.attributes.Remove ?? '');
      const exclude = new Set(splitSpecs(props.expand(item.attributes.Exclude ?? '')).flatMap((s) => expandSpec(s, dir)));
      const named = (report: boolean): string[] =>
        splitSpecs(include).flatMap((spec) => {
          const files = expandSpec(spec, dir).filter((f) => !exclude.has(f));
          if (files.length === 0 && report && !isWildcardSpec(spec)) missing.push({ item: kind, include: spec, line: item.line, col: item.col });
          return files;
        });
      if (modelItem(kind)) {
        for (const f of sqlOnly(named(true))) build.add(f);
        for (const spec of splitSpecs(remove)) for (const f of expandSpec(spec, dir)) build.delete(f);
      } else if (kind === 'None') {
        for (const f of named(false)) removed.add(f);
      } else if (kind === 'PreDeploy' || kind === 'PostDeploy') {
        const files = named(true);
        for (const f of files) removed.add(f);
        (kind === 'PreDeploy' ? preDeploy : postDeploy).push(...files);
      } else if (kind === 'SqlCmdVariable' && include.trim() !== '') {
        const child = (name: string): string | undefined => {
          const v = item.children.find((c) => localName(c) === name)?.text;
          const expanded = v === undefined ? undefined : props.expand(v.trim());
          return expanded === undefined || expanded === '' ? undefined : expanded;
        };
        const value = child('Value') ?? child('DefaultValue');
        variables.push(value === undefined ? { name: include.trim(), line: item.line } : { name: include.trim(), value, line: item.line });
      } else if (kind === 'ArtifactReference' || kind === 'PackageReference') {
        const system = systemDatabaseOf(item, kind);
        if (system !== undefined) systems.add(system);
        else if (kind === 'ArtifactReference' && include.trim() !== '') external.push(specPath(include));
      } else if (kind === 'ProjectReference' && include.trim() !== '') {
        external.push(specPath(include));
      }
    }
  }
  const project: SqlProject = {
    file,
    dir,
    name: props.get('Name') ?? basename(file, extname(file)),
    style,
    build: [...build].filter((f) => !removed.has(f)).sort(byPath),
    preDeploy,
    postDeploy,
    variables,
    systemDatabases: [...systems].sort(),
    externalReferences: external,
    missing,
  };
  if (sdk !== undefined) project.sdk = sdk;
  const collation = props.get('DefaultCollation');
  if (collation !== undefined) project.defaultCollation = collation;
  const schema = props.get('DefaultSchema');
  if (schema !== undefined) project.defaultSchema = schema;
  return project;
}
