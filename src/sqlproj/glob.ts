// MSBuild item specs as a project names its files: `Tables\Atom.sql`, `Views/*.sql`, `**/*.sql`,
// `..\Shared\**\*.sql`. Separators are `\` or `/`; `*` and `?` match within one folder name and `**`
// any number of folders (MSBuild's wildcards). Names compare without case: projects are written on
// Windows, where `Tables\atom.sql` and `Tables/Atom.sql` are one file.
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

const slash = (p: string): string => p.split(sep).join('/');
const hasWildcard = (segment: string): boolean => /[*?]/.test(segment);

/** The spec's folder separators as `/`. */
export function specPath(spec: string): string {
  return spec.trim().replace(/\\/g, '/');
}

/** Every file under a folder (recursively), absolute, sorted; bin/obj-like exclusions are the caller's. */
function filesUnder(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charAt(k);
    if (c === '*' && pattern.charAt(k + 1) === '*') {
      k++;
      if (pattern.charAt(k + 1) === '/') {
        k++;
        out += '(?:.*/)?';
      } else out += '.*';
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, 'i');
}

/** The file a literal path names: as written, else the one file whose path differs only in case. */
function literalFile(path: string): string | undefined {
  try {
    if (statSync(path).isFile()) return path;
  } catch {
    // Not there as written: look for it without case below.
  }
  const parts = slash(path).split('/');
  let at = parts[0] === '' ? '/' : (parts[0] ?? '');
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return undefined;
    }
    const exact = names.find((n) => n === part) ?? names.find((n) => n.toLowerCase() === part.toLowerCase());
    if (exact === undefined) return undefined;
    at = join(at, exact);
  }
  try {
    return statSync(at).isFile() ? at : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files an item spec (one `;`-separated part of Include or Remove) names, absolute and sorted.
 * A literal path that names no file gives none: the caller reports it.
 */
export function expandSpec(spec: string, projectDir: string): string[] {
  const path = specPath(spec);
  if (path === '') return [];
  const segments = path.split('/');
  const firstWild = segments.findIndex(hasWildcard);
  if (firstWild < 0) {
    const file = literalFile(isAbsolute(path) ? path : resolve(projectDir, path));
    return file === undefined ? [] : [file];
  }
  const baseText = segments.slice(0, firstWild).join('/');
  const base = isAbsolute(path) ? resolve(baseText === '' ? '/' : baseText) : resolve(projectDir, baseText);
  const matcher = globRegExp(segments.slice(firstWild).join('/'));
  return filesUnder(base).filter((f) => matcher.test(slash(relative(base, f))));
}

/** True when a spec uses wildcards (a wildcard that matches nothing is no mistake; a missing literal file is). */
export function isWildcardSpec(spec: string): boolean {
  return hasWildcard(specPath(spec));
}
