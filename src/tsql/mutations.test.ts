// The syntax-error mutation generator of bench/tsql-mutations.ts (test/support/tsql-mutations.ts), on
// the real payload under sql/: the same seed gives the same mutations, every class has sites there,
// every mutation is one edit at one token spot, and no comment is ever edited.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyMutation, generateMutations, misspellings, MUTATION_CLASSES, readPayloadSources, type Mutation } from '../../test/support/tsql-mutations.js';
import { lex, type Token } from './lexer.js';
import { random } from './test-support.js';

const toolkit = { lex, random };
const sources = readPayloadSources(fileURLToPath(new URL('../../sql/', import.meta.url)));
const textOf = (file: string): string => sources.find((s) => s.file === file)?.text ?? '';
const LEFT_OPEN = new Set<string>(['string-left-open', 'bracket-left-open']);

describe('T-SQL syntax-error mutations', () => {
  const mutations = generateMutations(toolkit, sources, { seed: 7, count: 600 });

  it('reads the payload', () => {
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.some((s) => s.file.startsWith('migrations/'))).toBe(true);
  });

  it('gives the same mutations for the same seed, others for another', () => {
    expect(generateMutations(toolkit, sources, { seed: 7, count: 600 })).toEqual(mutations);
    expect(generateMutations(toolkit, sources, { seed: 8, count: 600 })).not.toEqual(mutations);
    expect(mutations).toHaveLength(600);
  });

  it('has every class on the payload', () => {
    const classes = new Set(generateMutations(toolkit, sources, { seed: 1, count: 400 }).map((m) => m.class));
    expect([...classes].sort()).toEqual([...MUTATION_CLASSES].sort());
  });

  it('misspells into no keyword', () => {
    expect(misspellings('INTO')).not.toContain('INT');
    expect(misspellings('RETURNS')).not.toContain('RETURN');
    expect(misspellings('ON')).toEqual(['OON', 'ONN']);
  });

  it('makes one edit at one token spot, and only there', () => {
    for (const m of mutations) expect(oneSpot(m), `${m.file}:${m.line}:${m.col} ${m.description}`).toBe('');
  });

  it('never edits a comment', () => {
    for (const m of mutations) {
      const text = textOf(m.file);
      const comments = lex(text).filter((t) => t.kind === 'comment');
      const where = `${m.file}:${m.line}:${m.col} ${m.description}`;
      // The edited range touches no comment's characters.
      expect(comments.some((c) => m.start < c.end && m.end > c.start), where).toBe(false);
      expect(comments.some((c) => m.start > c.start && m.start < c.end), where).toBe(false);
      // The comments before the edit are still there; after it too, unless a string or bracket now runs to the end.
      const after = lex(applyMutation(text, m)).filter((t) => t.kind === 'comment').map((c) => c.text);
      const before = comments.filter((c) => c.end <= m.start).map((c) => c.text);
      if (LEFT_OPEN.has(m.class)) expect(after.slice(0, before.length), where).toEqual(before);
      else expect(after, where).toEqual(comments.map((c) => c.text));
    }
  });
});

/** '' when the mutation is one token replaced, removed or inserted and every other token is unchanged; else what is wrong. */
function oneSpot(m: Mutation): string {
  const text = textOf(m.file);
  const mutated = applyMutation(text, m);
  if (mutated === text) return 'no change';
  const code = (tokens: Token[]): Token[] => tokens.filter((t) => t.kind !== 'comment');
  const was = code(lex(text));
  const now = code(lex(mutated));
  // The edit covers exactly one token (replaced or removed) or sits at the end of one (inserted).
  const at = was.findIndex((t) => t.start === m.start);
  const replaced = at >= 0 && was[at]?.end === m.end;
  const inserted = m.start === m.end && was.some((t) => t.end === m.start);
  if (!replaced && !inserted) return 'the edit is not one token';
  if (code(lex(m.replacement)).length > 1) return 'the replacement is more than one token';
  const prefix = inserted ? was.findIndex((t) => t.end === m.start) + 1 : at;
  const same = (a: Token | undefined, b: Token | undefined): boolean => a?.text === b?.text && a?.kind === b?.kind;
  for (let k = 0; k < prefix; k++) if (!same(was[k], now[k])) return `token ${k} before the edit changed`;
  if (LEFT_OPEN.has(m.class)) {
    // Opened, the string or bracket runs to the end of the file.
    const open = now[prefix];
    return open?.unterminated === true && open.end === mutated.length && now.length === prefix + 1 ? '' : 'the opened token does not run to the end';
  }
  const removedTokens = inserted ? 0 : 1;
  const addedTokens = code(lex(m.replacement)).length;
  if (now.length !== was.length - removedTokens + addedTokens) return 'the token count is off';
  for (let k = prefix + removedTokens; k < was.length; k++) if (!same(was[k], now[k - removedTokens + addedTokens])) return `token ${k} after the edit changed`;
  return '';
}
