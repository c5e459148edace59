// Text that fits a terminal: the one wrapping helper of every human output (Ink rows, failure panels,
// plain lines, doctor, plan, status, --help). A line is broken at spaces; continuation lines start at a
// hanging indent. Nothing is ever cut in two: a word, a URL, a `command` or 'command' to copy, a span
// marked whole (a connection string) that does not fit gets a line of its own. When a line has to
// wrap, a web link gets a line of its own too, so it can be clicked or copied as it is. NDJSON and --json documents never come through here.

/** The width when the output is not a terminal or the terminal does not say. */
export const FALLBACK_COLUMNS = 80;

/** A hanging indent never leaves less than this for the text; below it the indent shrinks. */
const MIN_TEXT_COLUMNS = 20;
const SHRUNK_HANG = 4;

/** The columns of a terminal stream (a tty.WriteStream), or 80 when it is not a TTY or does not say. */
export function terminalColumns(stream: object): number {
  const isTTY: unknown = Reflect.get(stream, 'isTTY');
  const columns: unknown = Reflect.get(stream, 'columns');
  return isTTY === true && typeof columns === 'number' && Number.isInteger(columns) && columns > 0 ? columns : FALLBACK_COLUMNS;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function graphemeWidth(grapheme: string): number {
  const codePoint = grapheme.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  return isWide(codePoint) || grapheme.includes('\uFE0F') ? 2 : 1;
}

/** Columns a text takes in a terminal: East Asian wide characters and emoji take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += graphemeWidth(segment);
  return width;
}

/** A piece of text with the renderer's style (Ink colours; nothing for plain text). */
export interface Span<S = undefined> {
  text: string;
  style?: S;
  /** One unit, never broken at its spaces (a connection string to copy). */
  whole?: boolean;
}

export interface WrapOptions {
  /** The terminal's columns. */
  width: number;
  /** Where continuation lines start (the column of the text after an icon or a label). */
  hang?: number;
}

type Kind = 'text' | 'whole' | 'url';

interface Piece<S> {
  text: string;
  style?: S;
  kind: Kind;
}

/** Pieces with no space between them: one unit of layout. */
interface Chunk<S> {
  /** The spaces before it ('' at the start of a line). */
  space: string;
  pieces: Piece<S>[];
  /** A forced line break comes before it. */
  breakBefore: boolean;
}

// URLs, `backticked` text and 'quoted' text starting at a word (not the apostrophe of "can't").
const UNBREAKABLE = /[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]*[^\s'"`<>.,;:)]|`[^`\n]+`|(?<=^|[\s(])'[^'\n]+'(?=$|[\s.,;:!?)])/gi;

function piecesOf<S>(span: Span<S>): Piece<S>[] {
  const styled = (text: string, kind: Kind): Piece<S> => (span.style === undefined ? { text, kind } : { text, style: span.style, kind });
  if (span.whole === true) return [styled(span.text, 'whole')];
  const pieces: Piece<S>[] = [];
  let at = 0;
  for (const match of span.text.matchAll(UNBREAKABLE)) {
    if (match.index > at) pieces.push(styled(span.text.slice(at, match.index), 'text'));
    pieces.push(styled(match[0], /^https?:\/\//i.test(match[0]) ? 'url' : 'whole'));
    at = match.index + match[0].length;
  }
  if (at < span.text.length) pieces.push(styled(span.text.slice(at), 'text'));
  return pieces;
}

/** Splits the spans into chunks at spaces and line breaks; unbreakable pieces stay whole. */
function chunksOf<S>(spans: readonly Span<S>[]): Chunk<S>[] {
  const chunks: Chunk<S>[] = [];
  let current: Chunk<S> = { space: '', pieces: [], breakBefore: false };
  let space = '';
  let breakBefore = false;
  const close = (): void => {
    if (current.pieces.length > 0) chunks.push(current);
  };
  const add = (piece: Piece<S>): void => {
    if (space !== '' || breakBefore || current.pieces.length === 0) {
      close();
      current = { space, pieces: [], breakBefore };
      space = '';
      breakBefore = false;
    }
    current.pieces.push(piece);
  };
  for (const span of spans) {
    for (const piece of piecesOf(span)) {
      if (piece.kind !== 'text') {
        add(piece);
        continue;
      }
      // A tab counts as one space (its width depends on the terminal); \r\n ends a line as \n does.
      for (const part of piece.text.split(/([ \t]+|\r?\n)/)) {
        if (part === '') continue;
        if (part.endsWith('\n')) {
          breakBefore = true;
          space = '';
        } else if (part.startsWith(' ') || part.startsWith('\t')) {
          if (!breakBefore) space += part.replace(/\t/g, ' ');
        } else {
          add({ ...piece, text: part });
        }
      }
    }
  }
  close();
  return chunks;
}

const chunkWidth = <S>(chunk: Chunk<S>): number => chunk.pieces.reduce((w, p) => w + displayWidth(p.text), 0);

/** The hanging indent actually used: a wide label on a narrow terminal leaves room for the text. */
export function effectiveHang(width: number, hang: number): number {
  return width - hang >= MIN_TEXT_COLUMNS ? hang : Math.min(hang, SHRUNK_HANG);
}

/** Lays out styled text in lines of at most `width` columns (a piece wider than that stays whole). */
export function wrapSpans<S>(spans: readonly Span<S>[], options: WrapOptions): Span<S>[][] {
  const width = Math.max(1, options.width);
  const hang = effectiveHang(width, Math.max(0, options.hang ?? 0));
  const chunks = chunksOf(spans);
  const total = chunks.reduce((w, c) => w + c.space.length + chunkWidth(c), 0);
  const fits = total <= width && !chunks.some((c) => c.breakBefore);

  const lines: Span<S>[][] = [];
  let line: Span<S>[] = [];
  let column = 0;
  let empty = true;
  const push = (text: string, style?: S): void => {
    line.push(style === undefined ? { text } : { text, style });
    column += displayWidth(text);
    empty = false;
  };
  const newLine = (): void => {
    lines.push(line);
    line = hang > 0 ? [{ text: ' '.repeat(hang) }] : [];
    column = hang;
    empty = true;
  };

  chunks.forEach((chunk, index) => {
    const w = chunkWidth(chunk);
    const url = !fits && chunk.pieces.some((p) => p.kind === 'url');
    if (index === 0) {
      if (chunk.space !== '') {
        line.push({ text: chunk.space });
        column = chunk.space.length;
      }
    } else if (chunk.breakBefore || (!empty && (url || column + chunk.space.length + w > width))) {
      newLine();
    } else if (!empty) {
      line.push({ text: chunk.space });
      column += chunk.space.length;
    }
    if (column + w > width) {
      // Wider than what is left even at the hanging indent: whole and alone, as far right as it
      // fits (from the first column when it is wider than the terminal). Nothing is cut in two.
      const indent = w <= width ? Math.min(hang, width - w) : 0;
      line = indent > 0 ? [{ text: ' '.repeat(indent) }] : [];
      column = indent;
      for (const p of chunk.pieces) push(p.text, p.style);
      newLine();
      return;
    }
    for (const piece of chunk.pieces) push(piece.text, piece.style);
    if (url) newLine();
  });
  if (!empty || lines.length === 0) lines.push(line);
  return lines.map(trimEnd);
}

function trimEnd<S>(line: Span<S>[]): Span<S>[] {
  const out = [...line];
  while (out.length > 0) {
    const last = out[out.length - 1];
    if (last === undefined) break;
    const trimmed = last.text.trimEnd();
    if (trimmed !== '') {
      out[out.length - 1] = { ...last, text: trimmed };
      break;
    }
    out.pop();
  }
  return out;
}

/** A one-line excerpt cut to `width` columns, ending in … when cut. */
export function truncateEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = graphemeWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out.trimEnd()}…`;
}

/** One logical line of plain text as the lines a terminal of `width` columns shows. */
export function wrapLine(text: string, options: WrapOptions): string[] {
  return wrapSpans([{ text }], options).map((line) => line.map((s) => s.text).join(''));
}

/** The column where a line's text starts after a gap of two or more spaces ("  --json   NDJSON …"). */
function blockHang(line: string): number {
  const gap = /^( *\S.*?\S? {2,})(?=\S)/.exec(line);
  if (gap?.[1] !== undefined) return displayWidth(gap[1]);
  return line.length - line.trimStart().length;
}

/**
 * A block of text (a help page) at `width` columns: each line is one paragraph or one row, wrapped with
 * its own hanging indent: under the text after the row's first gap of two or more spaces, else at the
 * line's indentation.
 */
export function wrapBlock(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => (line.trim() === '' ? [''] : wrapLine(line, { width, hang: blockHang(line) })))
    .join('\n');
}
