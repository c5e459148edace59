// Reads a CLR bindings script: splits it into batches at GO lines (outside strings, brackets and
// comments) and finds each CREATE FUNCTION / AGGREGATE / PROCEDURE … EXTERNAL NAME with the
// file:line of the statement and of its EXTERNAL NAME. A small tokenizer of our own: the bindings
// file is a handful of declarative statements, not general T-SQL.
import type { Batch } from '../tsql/types.js';

interface Token {
  /** Word/identifier text without brackets or quotes; punctuation as itself. */
  text: string;
  kind: 'word' | 'quoted' | 'variable' | 'number' | 'string' | 'punct';
  line: number;
  col: number;
  /** First token on its line (for GO detection). */
  lineStart: boolean;
}

export type BindingKind = 'function' | 'aggregate' | 'procedure';

export interface BindingParam {
  name: string;
  type: string;
  output: boolean;
}

export interface ExternalName {
  /** The parts as written: [Assembly].[Namespace.Class].[Method] → three parts. */
  parts: string[];
  line: number;
  col: number;
}

export interface BindingStatement {
  kind: BindingKind;
  schema: string;
  name: string;
  params: BindingParam[];
  /** Declared RETURNS type (functions, aggregates). */
  returns: string | undefined;
  external: ExternalName | undefined;
  file: string;
  line: number;
  col: number;
  /** The batch that creates this object (sent as-is by clr-deploy). */
  batch: Batch;
}

export interface BindingsFile {
  file: string;
  batches: Batch[];
  statements: BindingStatement[];
  /** Problems found while reading (unterminated comment, a CREATE without EXTERNAL NAME, …). */
  problems: { line: number; col: number; message: string }[];
}

function tokenize(text: string, problems: BindingsFile['problems']): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStartIndex = 0;
  let sawTokenOnLine = false;
  const push = (tokenText: string, kind: Token['kind'], start: number, startLine: number, startCol: number): void => {
    void start;
    tokens.push({ text: tokenText, kind, line: startLine, col: startCol, lineStart: !sawTokenOnLine });
    sawTokenOnLine = true;
  };
  const advanceNewlines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text[k] === '\n') {
        line++;
        lineStartIndex = k + 1;
        sawTokenOnLine = false;
      }
    }
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    const col = i - lineStartIndex + 1;
    if (c === '\n') {
      advanceNewlines(i, i + 1);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      // Block comments nest in T-SQL.
      const startLine = line;
      let depth = 0;
      let k = i;
      while (k < text.length) {
        if (text[k] === '/' && text[k + 1] === '*') {
          depth++;
          k += 2;
        } else if (text[k] === '*' && text[k + 1] === '/') {
          depth--;
          k += 2;
          if (depth === 0) break;
        } else k++;
      }
      if (depth > 0) problems.push({ line: startLine, col, message: 'This block comment is never closed (*/)' });
      advanceNewlines(i, k);
      i = k;
    } else if (c === "'" || c === '[' || c === '"') {
      const close = c === '[' ? ']' : c;
      const startLine = line;
      let k = i + 1;
      let value = '';
      let closed = false;
      while (k < text.length) {
        if (text[k] === close) {
          if (text[k + 1] === close) {
            value += close;
            k += 2;
            continue;
          }
          closed = true;
          k++;
          break;
        }
        value += text[k];
        k++;
      }
      if (!closed) problems.push({ line: startLine, col, message: `This ${c === "'" ? 'string' : 'quoted name'} is never closed (${close})` });
      push(value, c === "'" ? 'string' : 'quoted', i, startLine, col);
      advanceNewlines(i, k);
      i = k;
    } else if (c === 'N' && text[i + 1] === "'") {
      i++; // N'…' is a string like '…'
    } else if (/[A-Za-z_@#]/.test(c)) {
      let k = i + 1;
      while (k < text.length && /[A-Za-z0-9_@#$]/.test(text[k] ?? '')) k++;
      const word = text.slice(i, k);
      push(word, word.startsWith('@') ? 'variable' : 'word', i, line, col);
      i = k;
    } else if (/[0-9]/.test(c)) {
      let k = i + 1;
      while (k < text.length && /[0-9.]/.test(text[k] ?? '')) k++;
      push(text.slice(i, k), 'number', i, line, col);
      i = k;
    } else {
      push(c, 'punct', i, line, col);
      i++;
    }
  }
  return tokens;
}

/** "VARBINARY ( MAX )" → "VARBINARY(MAX)", "DOUBLE PRECISION" keeps its space, "DECIMAL(18,2)" → "DECIMAL(18, 2)". */
function typeText(tokens: Token[]): string {
  let out = '';
  let previous: Token | undefined;
  for (const t of tokens) {
    const wordish = t.kind === 'word' || t.kind === 'quoted' || t.kind === 'number';
    if (previous !== undefined && wordish && (previous.kind === 'word' || previous.kind === 'quoted' || previous.kind === 'number')) out += ' ';
    out += t.text === ',' ? ', ' : t.text;
    previous = t;
  }
  return out.trim();
}

const upper = (t: Token | undefined): string => (t !== undefined && t.kind === 'word' ? t.text.toUpperCase() : '');

/** GO alone on its line (optionally with a count): a batch separator. */
function isGo(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t === undefined || !t.lineStart || upper(t) !== 'GO') return false;
  const next = tokens[i + 1];
  if (next === undefined || next.line !== t.line) return true;
  const after = tokens[i + 2];
  return next.kind === 'number' && (after === undefined || after.line !== t.line);
}

function parseStatement(tokens: Token[], file: string, batch: Batch, problems: BindingsFile['problems']): BindingStatement | undefined {
  let i = tokens.findIndex((t) => upper(t) === 'CREATE');
  if (i < 0) return undefined;
  const create = tokens[i];
  if (create === undefined) return undefined;
  i++;
  if (upper(tokens[i]) === 'OR' && upper(tokens[i + 1]) === 'ALTER') i += 2;
  const kindWord = upper(tokens[i]);
  const kind: BindingKind | undefined =
    kindWord === 'FUNCTION' ? 'function' : kindWord === 'AGGREGATE' ? 'aggregate' : kindWord === 'PROCEDURE' || kindWord === 'PROC' ? 'procedure' : undefined;
  if (kind === undefined) return undefined;
  i++;
  // Object name: [schema.]name
  const nameParts: string[] = [];
  while (tokens[i] !== undefined && (tokens[i]?.kind === 'word' || tokens[i]?.kind === 'quoted')) {
    nameParts.push(tokens[i]?.text ?? '');
    i++;
    if (tokens[i]?.text === '.') i++;
    else break;
  }
  const name = nameParts[nameParts.length - 1] ?? '';
  const schema = nameParts.length > 1 ? (nameParts[nameParts.length - 2] ?? 'dbo') : 'dbo';

  // Parameters: "@name type[(…)] [OUTPUT|OUT] [= default]" separated by top-level commas, inside
  // parentheses (functions, aggregates) or up to AS/WITH (procedures).
  const params: BindingParam[] = [];
  const parenthesised = tokens[i]?.text === '(';
  if (parenthesised) i++;
  let depth = 0;
  let current: Token[] = [];
  const flush = (): void => {
    const head = current[0];
    if (head !== undefined && head.kind === 'variable') {
      let rest = current.slice(1);
      if (upper(rest[0]) === 'AS') rest = rest.slice(1);
      const output = rest.some((t) => upper(t) === 'OUTPUT' || upper(t) === 'OUT');
      const typeTokens: Token[] = [];
      for (const t of rest) {
        if (upper(t) === 'OUTPUT' || upper(t) === 'OUT' || t.text === '=' || upper(t) === 'READONLY') break;
        typeTokens.push(t);
      }
      params.push({ name: head.text, type: typeText(typeTokens) || '?', output });
    }
    current = [];
  };
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) break;
    if (parenthesised) {
      if (t.text === '(') depth++;
      if (t.text === ')') {
        if (depth === 0) {
          i++;
          break;
        }
        depth--;
      }
      if (t.text === ',' && depth === 0) flush();
      else current.push(t);
    } else {
      if (depth === 0 && (upper(t) === 'AS' || upper(t) === 'WITH') && !(current.length === 1 && current[0]?.kind === 'variable')) break;
      if (t.text === '(') depth++;
      if (t.text === ')') depth--;
      if (t.text === ',' && depth === 0) flush();
      else current.push(t);
    }
  }
  flush();

  let returns: string | undefined;
  if (upper(tokens[i]) === 'RETURNS') {
    i++;
    const typeTokens: Token[] = [];
    let d = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined) break;
      if (d === 0 && ['AS', 'WITH', 'EXTERNAL', 'ORDER'].includes(upper(t))) break;
      if (t.text === '(') d++;
      if (t.text === ')') d--;
      typeTokens.push(t);
    }
    returns = typeText(typeTokens);
  }

  let external: ExternalName | undefined;
  for (let k = i; k < tokens.length; k++) {
    if (upper(tokens[k]) === 'EXTERNAL' && upper(tokens[k + 1]) === 'NAME') {
      const first = tokens[k + 2];
      const parts: string[] = [];
      let p = k + 2;
      while (tokens[p] !== undefined && (tokens[p]?.kind === 'word' || tokens[p]?.kind === 'quoted')) {
        parts.push(tokens[p]?.text ?? '');
        if (tokens[p + 1]?.text === '.') p += 2;
        else break;
      }
      external = { parts, line: first?.line ?? tokens[k]?.line ?? create.line, col: first?.col ?? 1 };
      break;
    }
  }
  if (external === undefined) problems.push({ line: create.line, col: create.col, message: `CREATE ${kindWord} ${schema}.${name} has no EXTERNAL NAME` });
  return { kind, schema, name, params, returns, external, file, line: create.line, col: create.col, batch };
}

export function readBindingsText(text: string, file: string): BindingsFile {
  const problems: BindingsFile['problems'] = [];
  const normalized = text.replace(/\r\n?/g, '\n');
  const tokens = tokenize(normalized, problems);
  const lines = normalized.split('\n');
  const batches: Batch[] = [];
  const statements: BindingStatement[] = [];
  let batchTokens: Token[] = [];
  let batchStartLine = 1;
  const endBatch = (endLine: number, count: number): void => {
    const first = batchTokens[0];
    if (first !== undefined) {
      // The batch runs from the line after the previous GO; its text keeps leading comments so
      // server line numbers map back with `line + N - 1`.
      const text = lines.slice(batchStartLine - 1, endLine - 1).join('\n');
      const batch: Batch = { file, line: batchStartLine, text, count };
      batches.push(batch);
      const statement = parseStatement(batchTokens, file, batch, problems);
      if (statement !== undefined) statements.push(statement);
    }
    batchTokens = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (isGo(tokens, i)) {
      const next = tokens[i + 1];
      const count = next !== undefined && next.line === t.line && next.kind === 'number' ? Number(next.text) : 1;
      endBatch(t.line, count);
      if (count !== 1) i++;
      batchStartLine = t.line + 1;
      continue;
    }
    batchTokens.push(t);
  }
  endBatch(lines.length + 1, 1);
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  return { file, batches, statements, problems };
}
