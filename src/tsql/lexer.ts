// A T-SQL lexer: '…' with '', N'…', "…" and […] identifiers (]] escapes ]), -- line comments and
// nested /* */ block comments. Linear in the input and total: any text yields tokens, never a throw.

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'comment' | 'punct' | 'variable';

export interface Token {
  kind: TokenKind;
  /** The raw text. */
  text: string;
  /** Unescaped value: the identifier without brackets, the string content without quotes. */
  value: string;
  /** Upper-cased value for words (keyword comparisons), the value otherwise. */
  upper: string;
  start: number;
  end: number;
  /** 1-based line and column within the lexed text. */
  line: number;
  col: number;
  /** A string, quoted identifier or block comment that reaches the end of the text. */
  unterminated?: boolean;
}

const isWordStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 35 /* # */ || c > 127;
const isWordPart = (c: number): boolean =>
  isWordStart(c) || (c >= 48 && c <= 57) || c === 64 /* @ */ || c === 36 /* $ */;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // Advances line bookkeeping over text[from, to).
  const countLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const push = (kind: TokenKind, start: number, end: number, value: string, tLine: number, tCol: number, unterminated = false): void => {
    const raw = text.slice(start, end);
    const token: Token = { kind, text: raw, value, upper: kind === 'word' || kind === 'variable' ? value.toUpperCase() : value, start, end, line: tLine, col: tCol };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    const tLine = line;
    const tCol = i - lineStart + 1;
    if (c === 10) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    // -- line comment
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      push('comment', i, j, text.slice(i + 2, j), tLine, tCol);
      i = j;
      continue;
    }
    // /* nested block comment */
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        const d = text.charCodeAt(j);
        if (d === 47 && text.charCodeAt(j + 1) === 42) {
          depth++;
          j += 2;
        } else if (d === 42 && text.charCodeAt(j + 1) === 47) {
          depth--;
          j += 2;
        } else j++;
      }
      countLines(i, j);
      push('comment', i, j, text.slice(i, j), tLine, tCol, depth > 0);
      i = j;
      continue;
    }
    // 'string' and N'string'
    if (c === 39 || ((c === 78 || c === 110) && text.charCodeAt(i + 1) === 39)) {
      const open = c === 39 ? i : i + 1;
      let j = open + 1;
      let closed = false;
      while (j < n) {
        const q = text.indexOf("'", j);
        if (q < 0) {
          j = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 39) {
          j = q + 2;
          continue;
        }
        j = q + 1;
        closed = true;
        break;
      }
      const inner = text.slice(open + 1, closed ? j - 1 : j);
      countLines(i, j);
      push('string', i, j, inner.includes("''") ? inner.replace(/''/g, "'") : inner, tLine, tCol, !closed);
      i = j;
      continue;
    }
    // [identifier] with ]] and "identifier" with ""
    if (c === 91 || c === 34) {
      const close = c === 91 ? ']' : '"';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const q = text.indexOf(close, j);
        if (q < 0) {
          j = n;
          break;
        }
        if (text[q + 1] === close) {
          j = q + 2;
          continue;
        }
        j = q + 1;
        closed = true;
        break;
      }
      const inner = text.slice(i + 1, closed ? j - 1 : j);
      countLines(i, j);
      push('quoted', i, j, inner.split(close + close).join(close), tLine, tCol, !closed);
      i = j;
      continue;
    }
    if (c === 64 /* @ */) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      push('variable', i, j, text.slice(i, j), tLine, tCol);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      // 0x… binary literals, decimals and exponents.
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d) || d === 46 || (d >= 65 && d <= 90) || (d >= 97 && d <= 122)) j++;
        else if ((d === 43 || d === 45) && (text[j - 1] === 'e' || text[j - 1] === 'E') && !/^0x/i.test(text.slice(i, j))) j++;
        else break;
      }
      push('number', i, j, text.slice(i, j), tLine, tCol);
      i = j;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      push('word', i, j, text.slice(i, j), tLine, tCol);
      i = j;
      continue;
    }
    // Punctuation: two-character operators first.
    const two = text.slice(i, i + 2);
    if (two === '::' || two === '<=' || two === '>=' || two === '<>' || two === '!=' || two === '+=' || two === '-=' || two === '*=' || two === '/=') {
      push('punct', i, i + 2, two, tLine, tCol);
      i += 2;
      continue;
    }
    // Surrogate pairs stay one token.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    push('punct', i, i + width, text.slice(i, i + width), tLine, tCol);
    i += width;
  }
  return tokens;
}

/** Tokens without comments: what the analysis reads. */
export function codeTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment');
}
