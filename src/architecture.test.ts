// The dependency rule of DESIGN.md, enforced: cli → phases → infra (docker | sqlserver | tsql | clr |
// neo4j | seed | snapshot | watch) → config; engine is used by cli and phases; ui only consumes engine events. Infra
// folders never import cli, phases or ui.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const INFRA = ['docker', 'sqlserver', 'tsql', 'clr', 'neo4j', 'seed', 'snapshot', 'watch'];

const FORBIDDEN: Record<string, string[]> = {
  ...Object.fromEntries(INFRA.map((folder) => [folder, ['cli', 'phases', 'ui']])),
  config: ['cli', 'phases', 'ui', ...INFRA],
  engine: ['cli', 'phases', 'ui', 'config', ...INFRA],
  ui: ['cli', 'phases', ...INFRA],
  phases: ['cli', 'ui'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Top-level src/ folders a file imports, from static and dynamic relative imports. */
export function importedFolders(file: string, text: string): string[] {
  const folders = new Set<string>();
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const spec = match[1];
    if (spec === undefined) continue;
    const target = relative(SRC, join(file, '..', spec));
    const top = target.split(/[\\/]/)[0];
    if (top !== undefined && !top.startsWith('..')) folders.add(top);
  }
  return [...folders];
}

describe('dependency rule', () => {
  it('finds imports the way the rule reads them (the check can fail)', () => {
    const file = join(SRC, 'sqlserver', 'x.ts');
    expect(importedFolders(file, "import { a } from '../phases/context.js';\nconst m = await import('../ui/x.js');")).toEqual(['phases', 'ui']);
  });

  it('holds for every source file', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const folder = relative(SRC, file).split(/[\\/]/)[0] ?? '';
      const forbidden = FORBIDDEN[folder];
      if (forbidden === undefined) continue;
      const text = readFileSync(file, 'utf8');
      for (const imported of importedFolders(file, text)) {
        if (forbidden.includes(imported)) violations.push(`${relative(SRC, file)} imports ${imported}/`);
      }
    }
    expect(violations).toEqual([]);
  });
});
