// What a CLR build compiles: the csproj, its assembly name and references, the C# files beside it
// (bin/ and obj/ excluded, as the SDK does), and a hash of all of it for the build cache.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { HartError } from '../../engine/errors.js';

export interface ClrProject {
  csproj: string;
  dir: string;
  assemblyName: string;
  /** <Reference Include="System.Data" /> etc.: framework assemblies the sources use. */
  references: string[];
  /** C# files, absolute, sorted by relative path. */
  sources: string[];
  /** SHA-256 over the project file and every source (path and bytes): the cache key. */
  hash: string;
}

function listCs(dir: string, root: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && (entry.name === 'bin' || entry.name === 'obj')) continue;
      if (entry.name.startsWith('.')) continue;
      listCs(path, root, out);
    } else if (entry.isFile() && entry.name.endsWith('.cs')) out.push(path);
  }
}

/** The csproj to build: HART_CLR_PROJECT, else the one csproj in <sqlDir>/clr. */
export function resolveProjectFile(sqlDir: string, project: string | undefined): string {
  if (project !== undefined) {
    if (!existsSync(project)) {
      throw new HartError(`The CLR project ${project} does not exist`, { hint: 'Fix HART_CLR_PROJECT, or unset it to build the payload\'s sql/clr project.', code: 'clr-project' });
    }
    if (!statSync(project).isDirectory()) return project;
  }
  const dir = project ?? join(sqlDir, 'clr');
  const found = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csproj')) : [];
  if (found.length !== 1) {
    throw new HartError(found.length === 0 ? `No CLR project (*.csproj) in ${dir}` : `Several CLR projects in ${dir}: ${found.join(', ')}`, {
      hint: 'Set HART_CLR_PROJECT to the csproj to build, or HART_CLR_DLL to a prebuilt DLL.',
      code: 'clr-project',
    });
  }
  return join(dir, found[0] ?? '');
}

export function readProject(csproj: string): ClrProject {
  const dir = dirname(csproj);
  const xml = readFileSync(csproj, 'utf8');
  const assemblyName = /<AssemblyName>\s*([^<]+?)\s*<\/AssemblyName>/.exec(xml)?.[1] ?? basename(csproj, '.csproj');
  const references = [...xml.matchAll(/<Reference\s+Include="([^",]+)[^"]*"/g)].map((m) => m[1] ?? '').filter((r) => r !== '');
  const sources: string[] = [];
  listCs(dir, dir, sources);
  const rel = (p: string): string => relative(dir, p).split(sep).join('/');
  sources.sort((a, b) => (rel(a) < rel(b) ? -1 : rel(a) > rel(b) ? 1 : 0));
  if (sources.length === 0) throw new HartError(`The CLR project ${csproj} has no C# sources`, { hint: 'Add the .cs files beside the csproj.', code: 'clr-project' });
  const hash = createHash('sha256');
  hash.update(`csproj\0${xml.replace(/\r\n/g, '\n')}\0`);
  for (const s of sources) hash.update(`${rel(s)}\0`).update(readFileSync(s)).update('\0');
  return { csproj, dir, assemblyName, references, sources, hash: hash.digest('hex') };
}
