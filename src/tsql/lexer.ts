// A T-SQL lexer: '…' with '', N'…', "…" and […] identifiers (]] escapes ]), -- line comments and
// nested /* */ block comments. Linear in the input and total: any text yields tokens, never a throw.
import { CodeUnits } from './code-units.js';
import { isReserved } from './parser/keywords.js';
import { P_CLOSE, P_OPEN, wordClass } from './word-class.js';

/**
 * A bit of Token.cls (next to word-class.ts's W_* bits): the word is one of SQL Server's reserved
 * keywords (parser/keywords.ts). The parser asks this of nearly every word it reads; the word table
 * answers it once per distinct word.
 */
export const W_RESERVED = 1 << 12;

/** What lexCode / lexCodeInto found besides the tokens they return. */
export interface LexInfo {
  /** The block comment still open at the end of the text (it swallows the rest), if there is one. */
  unclosedComment?: { start: number; line: number; col: number };
}

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
  /** Words: their classes (word-class.ts W_* bits); ( and ): P_OPEN, P_CLOSE; 0 for everything else. */
  cls: number;
}

// Classes of the ASCII characters; every character above 127 starts and continues a word.
const WORD_START = 1;
const WORD_PART = 2;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 35; /* _ # */
  const digit = c >= 48 && c <= 57;
  CLASS[c] = (letter ? WORD_START | WORD_PART : 0) | (digit || c === 64 || c === 36 ? WORD_PART : 0); /* digits @ $ */
}
const isWordStart = (c: number): boolean => (c > 127 ? !isWideSpace(c) : ((CLASS[c] ?? 0) & WORD_START) !== 0);
const isWordPart = (c: number): boolean => (c > 127 ? !isWideSpace(c) : ((CLASS[c] ?? 0) & WORD_PART) !== 0);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/**
 * The Unicode spaces above U+2000 that separate tokens as a space does (en/em spaces, the zero-width
 * space, the line and paragraph separators, thin and narrow no-break spaces, the ideographic space).
 */
const isUnicodeSpace = (c: number): boolean => (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
/** The spaces above ASCII (next line, no-break, Ogham, the byte order mark, isUnicodeSpace): no part of a word. */
const isWideSpace = (c: number): boolean => c === 0xa0 || c === 0x85 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && isUnicodeSpace(c));

/**
 * The currency signs besides $ that may start a money constant (docs: "money and smallmoney
 * (Transact-SQL)", the table of currency symbols): ¢ £ ¤ ¥, the Bengali rupee signs, ฿, ៛, U+20A0-U+20B1
 * (€ included), ﷼, the small and full-width dollar, and the full-width cent, pound, yen and won signs.
 */
const isCurrencySign = (c: number): boolean =>
  (c >= 0xa2 && c <= 0xa5) || c === 0x9f2 || c === 0x9f3 || c === 0xe3f || c === 0x17db || (c >= 0x20a0 && c <= 0x20b1) ||
  c === 0xfdfc || c === 0xfe69 || c === 0xff04 || c === 0xffe0 || c === 0xffe1 || c === 0xffe5 || c === 0xffe6;

const isHexDigit = (c: number): boolean => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);

/**
 * The end of the number starting at `from`: `0x` and hex digits (binary), or digits with an optional
 * fraction and an optional exponent whose sign and digits may be left out (`12`, `1.5`, `.5`, `2.`, `1E10`,
 * `1.5e-3`, `2e`, `2e+`), as SQL Server's lexer reads them. A letter after it
 * starts the next token, as SQL Server reads `1AND` as 1 AND and `SELECT 1a` as 1 aliased a.
 */
function numberEnd(codes: Uint16Array, from: number, n: number): number {
  let j = from;
  if (codes[j] === 48 && ((codes[j + 1] as number) | 32) === 120) {
    j += 2;
    while (j < n && isHexDigit(codes[j] as number)) j++;
    return j;
  }
  while (j < n && isDigit(codes[j] as number)) j++;
  if (codes[j] === 46) {
    j++;
    while (j < n && isDigit(codes[j] as number)) j++;
  }
  if (((codes[j] as number) | 32) === 101) {
    j++;
    if (codes[j] === 43 || codes[j] === 45) j++;
    while (j < n && isDigit(codes[j] as number)) j++;
  }
  return j;
}

/**
 * Canonical strings of the words seen so far, with their upper-cased form. A payload repeats the same
 * few thousand keywords and names millions of times: looking a word up by a hash of its characters
 * costs no allocation, where slicing and upper-casing every occurrence made most of the lexer's
 * garbage. Bounded: when full it starts over, so odd input (random bytes) cannot grow it forever.
 */
class WordTable {
  private static readonly MAX = 1 << 16;
  private static readonly FIRST = 4096;
  private keys: (string | undefined)[] = new Array<string | undefined>(WordTable.FIRST);
  private uppers: string[] = new Array<string>(WordTable.FIRST);
  /**
   * Per slot: [hash, offset of the word's characters in `chars` + 1 (0: empty), length, classes]. A
   * probe reads one small typed-array record and compares code units with code units; it touches
   * no string unless the word is new.
   */
  private slots = new Int32Array(4 * WordTable.FIRST);
  private chars = new Uint16Array(1 << 15);
  private charsUsed = 0;
  private size = 0;

  /** The word text[start, end) whose characters hash to `hash`; its upper case comes back in `lastUpper`, its classes in `lastClass`. */
  lastUpper = '';
  lastClass = 0;

  word(text: string, codes: Uint16Array, start: number, end: number, hash: number): string {
    const slots = this.slots;
    const chars = this.chars;
    const mask = this.keys.length - 1;
    const len = end - start;
    const h = hash | 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const r = 4 * slot;
      const at = slots[r + 1] ?? 0;
      if (at === 0) break;
      if (slots[r] === h && slots[r + 2] === len) {
        let k = 0;
        while (k < len && chars[at - 1 + k] === codes[start + k]) k++;
        if (k === len) {
          const key = this.keys[slot] as string;
          this.lastUpper = this.uppers[slot] ?? key.toUpperCase();
          this.lastClass = slots[r + 3] ?? 0;
          return key;
        }
      }
    }
    const key = internalized(text.slice(start, end));
    this.lastUpper = internalized(key.toUpperCase());
    this.lastClass = wordClass(this.lastUpper) | (isReserved(this.lastUpper) ? W_RESERVED : 0);
    this.insert(key, this.lastUpper, this.lastClass, hash);
    return key;
  }

  private insert(key: string, upper: string, cls: number, hash: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    if (this.charsUsed + key.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(2 * this.chars.length, this.charsUsed + key.length));
      grown.set(this.chars);
      this.chars = grown;
    }
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
    const at = this.charsUsed;
    for (let k = 0; k < key.length; k++) this.chars[at + k] = key.charCodeAt(k);
    this.charsUsed += key.length;
    this.keys[slot] = key;
    this.uppers[slot] = upper;
    const r = 4 * slot;
    this.slots[r] = hash | 0;
    this.slots[r + 1] = at + 1;
    this.slots[r + 2] = key.length;
    this.slots[r + 3] = cls;
    this.size++;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldUppers = this.uppers;
    const oldSlots = this.slots;
    const capacity = oldKeys.length >= WordTable.MAX ? WordTable.FIRST : oldKeys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.uppers = new Array<string>(capacity);
    this.slots = new Int32Array(4 * capacity);
    this.size = 0;
    this.charsUsed = 0;
    // Past the bound the old words are dropped, not carried over.
    if (capacity === WordTable.FIRST) return;
    for (let k = 0; k < oldKeys.length; k++) {
      const key = oldKeys[k];
      if (key !== undefined) this.insert(key, oldUppers[k] ?? key.toUpperCase(), oldSlots[4 * k + 3] ?? 0, hashChars(key, 0, key.length));
    }
  }
}

/**
 * The engine's internalized copy of `s` (V8 stores property names internalized). Once per distinct
 * word: the parser compares `upper` with keyword literals millions of times (`===`, switch cases,
 * set lookups), and two internalized strings compare by pointer instead of character by character.
 */
function internalized(s: string): string {
  const holder: Record<string, true> = {};
  holder[s] = true;
  for (const key in holder) return key;
  return s;
}

/** FNV-1a over UTF-16 code units; the lexer computes the same value while it scans a word. */
function hashChars(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

const words = new WordTable();

/** Two-character operators, keyed by their two char codes. */
const TWO_CHAR_OPS = new Map<number, string>(['::', '<=', '>=', '<>', '!=', '+=', '-=', '*=', '/='].map((op) => [op.charCodeAt(0) * 65536 + op.charCodeAt(1), op]));

const units = new CodeUnits();

/** Whether the last quotedEnd found its closing character (false: the text ended first). */
let quotedClosed = false;

/**
 * The end (one past the closing character) of a string or quoted identifier whose text starts at
 * `from`: `close` ends it, doubled it stands for itself. At the end of the text when it is not closed.
 */
function quotedEnd(text: string, codes: Uint16Array, from: number, close: string): number {
  const closeCode = close.charCodeAt(0);
  for (let j = from; ; ) {
    const q = text.indexOf(close, j);
    if (q < 0) {
      quotedClosed = false;
      return text.length;
    }
    if (codes[q + 1] !== closeCode) {
      quotedClosed = true;
      return q + 1;
    }
    j = q + 2;
  }
}

/** Every token of the text, comments included. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  scan(text, true, tokens, false);
  return tokens;
}

/** The tokens without comments (what the analysis reads), without building the comment tokens. */
export function lexCode(text: string, info?: LexInfo): Token[] {
  const tokens: Token[] = [];
  scan(text, false, tokens, false, info);
  return tokens;
}

/**
 * lexCode into `pool`, reusing its Token objects: returns how many of them hold this text's tokens
 * (the rest are stale). The analysis lexes millions of tokens and keeps none of them past its batch:
 * rewriting the same objects spares the garbage collector an object per token. Every pooled token
 * has `unterminated` set (true or false), so all of them share one shape.
 */
export function lexCodeInto(text: string, pool: Token[], info?: LexInfo): number {
  return scan(text, false, pool, true, info);
}

function scan(text: string, keepComments: boolean, tokens: Token[], reuse: boolean, info?: LexInfo): number {
  if (info !== undefined) delete info.unclosedComment;
  let count = 0;
  const n = text.length;
  const codes = units.of(text);
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // Advances line bookkeeping over text[from, to).
  const countLines = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      if (codes[k] === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  const push = (kind: TokenKind, start: number, end: number, raw: string, value: string, upper: string, tLine: number, tCol: number, unterminated = false, cls = 0): void => {
    if (reuse) {
      const token = tokens[count];
      if (token !== undefined) {
        token.kind = kind;
        token.text = raw;
        token.value = value;
        token.upper = upper;
        token.start = start;
        token.end = end;
        token.line = tLine;
        token.col = tCol;
        token.unterminated = unterminated;
        token.cls = cls;
      } else tokens.push({ kind, text: raw, value, upper, start, end, line: tLine, col: tCol, unterminated, cls });
      count++;
      return;
    }
    const token: Token = { kind, text: raw, value, upper, start, end, line: tLine, col: tCol, cls };
    if (unterminated) token.unterminated = true;
    tokens.push(token);
    count++;
  };
  /** A word or variable: its text and value are the interned spelling, `upper` its upper case. */
  const pushWord = (kind: TokenKind, start: number, end: number, hash: number, tLine: number, tCol: number): void => {
    const word = words.word(text, codes, start, end, hash >>> 0);
    push(kind, start, end, word, word, words.lastUpper, tLine, tCol, false, kind === 'word' ? words.lastClass : 0);
  };
  /** Scans word characters from `from`; returns the end, with the running hash in `wordHash`. */
  let wordHash = 0;
  const scanWord = (from: number, hash: number): number => {
    let j = from;
    let h = hash;
    while (j < n) {
      const d = codes[j] as number;
      if (!isWordPart(d)) break;
      h = Math.imul(h ^ d, 0x01000193);
      j++;
    }
    wordHash = h;
    return j;
  };
  while (i < n) {
    const c = codes[i] as number;
    const tLine = line;
    const tCol = i - lineStart + 1;
    if (c === 10) {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    // Every control character (NUL included) separates tokens as a space does, as tab and carriage return do.
    if (c <= 32 || (c > 127 && isWideSpace(c))) {
      // Indentation comes in runs of spaces.
      i++;
      while (codes[i] === 32) i++;
      continue;
    }
    // -- line comment
    if (c === 45 && codes[i + 1] === 45) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      if (keepComments) {
        const value = text.slice(i + 2, j);
        push('comment', i, j, text.slice(i, j), value, value, tLine, tCol);
      }
      i = j;
      continue;
    }
    // /* nested block comment */
    if (c === 47 && codes[i + 1] === 42) {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        const d = codes[j] as number;
        if (d === 47 && codes[j + 1] === 42) {
          depth++;
          j += 2;
        } else if (d === 42 && codes[j + 1] === 47) {
          depth--;
          j += 2;
        } else j++;
      }
      countLines(i, j);
      if (depth > 0 && info !== undefined) info.unclosedComment = { start: i, line: tLine, col: tCol };
      if (keepComments) {
        const raw = text.slice(i, j);
        push('comment', i, j, raw, raw, raw, tLine, tCol, depth > 0);
      }
      i = j;
      continue;
    }
    // 'string' and N'string'
    if (c === 39 || ((c === 78 || c === 110) && codes[i + 1] === 39)) {
      const open = c === 39 ? i : i + 1;
      const j = quotedEnd(text, codes, open + 1, "'");
      const closed = quotedClosed;
      const inner = text.slice(open + 1, closed ? j - 1 : j);
      const value = inner.includes("''") ? inner.replace(/''/g, "'") : inner;
      countLines(i, j);
      push('string', i, j, text.slice(i, j), value, value, tLine, tCol, !closed);
      i = j;
      continue;
    }
    // [identifier] with ]] and "identifier" with ""
    if (c === 91 || c === 34) {
      const close = c === 91 ? ']' : '"';
      const j = quotedEnd(text, codes, i + 1, close);
      const closed = quotedClosed;
      const inner = text.slice(i + 1, closed ? j - 1 : j);
      const value = inner.includes(close + close) ? inner.split(close + close).join(close) : inner;
      countLines(i, j);
      push('quoted', i, j, text.slice(i, j), value, value, tLine, tCol, !closed);
      i = j;
      continue;
    }
    if (c === 64 /* @ */) {
      const j = scanWord(i + 1, Math.imul(0x811c9dc5 ^ c, 0x01000193));
      pushWord('variable', i, j, wordHash, tLine, tCol);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit((codes[i + 1] as number)))) {
      const j = numberEnd(codes, i, n);
      const raw = text.slice(i, j);
      push('number', i, j, raw, raw, raw, tLine, tCol);
      i = j;
      continue;
    }
    if (c > 127 && isCurrencySign(c)) {
      // £12.50, € 10, ¥-3, £ alone: read as the $ of a money constant, which the parser takes as written
      // with $. A currency sign is no letter: it starts no name.
      push('punct', i, i + 1, '$', '$', '$', tLine, tCol);
      i++;
      continue;
    }
    if (isWordStart(c)) {
      const j = scanWord(i + 1, Math.imul(0x811c9dc5 ^ c, 0x01000193));
      pushWord('word', i, j, wordHash, tLine, tCol);
      i = j;
      continue;
    }
    // Punctuation: two-character operators first.
    const two = i + 1 < n ? TWO_CHAR_OPS.get(c * 65536 + (codes[i + 1] as number)) : undefined;
    if (two !== undefined) {
      push('punct', i, i + 2, two, two, two, tLine, tCol);
      i += 2;
      continue;
    }
    // Surrogate pairs stay one token.
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const raw = text.slice(i, i + width);
    push('punct', i, i + width, raw, raw, raw, tLine, tCol, false, c === 40 ? P_OPEN : c === 41 ? P_CLOSE : 0);
    i += width;
  }
  return count;
}

/** Tokens without comments: what the analysis reads. */
export function codeTokens(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment');
}
