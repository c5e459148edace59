// Cypher payload files (sql/neo4j/*.cypher): read in name order and split into statements at ';'
// outside strings, backtick names and comments, each with its file and line for error messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HartError } from '../engine/errors.js';

export interface CypherStatement {
  text: string;
  file: string;
  /** 1-based line of the statement's first character. */
  line: number;
}

export function splitCypher(source: string, file: string): CypherStatement[] {
  const statements: CypherStatement[] = [];
  let current = '';
  let startLine = 0;
  let line = 1;
  let i = 0;
  const push = (): void => {
    const text = current.trim();
    if (text !== '') statements.push({ text, file, line: startLine });
    current = '';
    startLine = 0;
  };
  const take = (s: string): void => {
    if (startLine === 0 && s.trim() !== '') startLine = line;
    current += s;
    for (const ch of s) if (ch === '\n') line += 1;
  };
  while (i < source.length) {
    const ch = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      // Comments are dropped (they would only bloat the query text); the newline is kept.
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      for (const c of source.slice(i, stop)) if (c === '\n') line += 1;
      current += ' ';
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' && ch !== '`' ? 2 : 1;
      if (j >= source.length) {
        throw new HartError(`${file}:${line}: a ${ch === '`' ? 'backtick name' : 'string'} is not closed`, {
          hint: `Close it with ${ch}.`,
          location: { file, line },
          code: 'cypher-syntax',
        });
      }
      take(source.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (ch === ';') {
      push();
      i += 1;
      continue;
    }
    take(ch);
    i += 1;
  }
  push();
  return statements;
}

/** Every *.cypher file of `dir` in name order; a missing folder is an error that says where. */
export function readCypherDir(dir: string): CypherStatement[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.cypher')).sort();
  } catch (error) {
    throw new HartError(`Can't read the Neo4j schema folder ${dir}`, {
      hint: 'Check HART_SQL_DIR: the Cypher files live in <sql dir>/neo4j/.',
      code: 'neo4j-schema-files',
      cause: error,
    });
  }
  if (names.length === 0) {
    throw new HartError(`${dir} has no .cypher files`, { hint: 'Restore sql/neo4j/schema.cypher from the repository.', code: 'neo4j-schema-files' });
  }
  return names.flatMap((name) => {
    const file = join(dir, name);
    return splitCypher(readFileSync(file, 'utf8'), file);
  });
}
