// Which changes `watch` acts on, by where the file is: the payload's scripts (sql), the CLR sources
// and bindings (clr), the graph schema (graph), the seed settings (seed). Anything else (an editor's
// swap or backup file, a build output) is not a change.
import { extname, relative, sep } from 'node:path';

export type WatchedKind = 'sql' | 'clr' | 'graph' | 'seed';

export interface WatchedFolders {
  sqlDir: string;
  seedsDir: string;
}

const inside = (root: string, path: string): string | undefined => {
  const rel = relative(root, path);
  return rel === '' || rel.startsWith('..') || rel.startsWith(sep) ? undefined : rel.split(sep).join('/');
};

export function watchedKind(path: string, folders: WatchedFolders): WatchedKind | undefined {
  const ext = extname(path).toLowerCase();
  const inSql = inside(folders.sqlDir, path);
  if (inSql !== undefined) {
    if (inSql.startsWith('clr/')) return ext === '.cs' || ext === '.csproj' || inSql === 'clr/bindings.sql' ? 'clr' : undefined;
    if (inSql.startsWith('neo4j/')) return ext === '.cypher' ? 'graph' : undefined;
    if (inSql.split('/').some((part) => part === 'bin' || part === 'obj')) return undefined;
    return ext === '.sql' ? 'sql' : undefined;
  }
  const inSeeds = inside(folders.seedsDir, path);
  if (inSeeds !== undefined) return ext === '.json' ? 'seed' : undefined;
  return undefined;
}
