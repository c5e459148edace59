// Local variables and parameters of one batch or module (they have no block scope): Msg 134 for a
// second declaration of a name, 137 for a use with no declaration before it (or of a table variable
// where only a scalar may stand: `SELECT @t`, `@t.col`), 1087 for a table variable use of a name not
// declared as a table. Names compare under the collation. Declarations
// and uses are collected in any order and checked by position at the end of the batch.
import type { Findings } from './messages.js';
import { msg } from './messages.js';

/** What a declaration makes of a name: a scalar, a table, or a user type the catalog does not know. */
export type VariableKind = 'scalar' | 'table' | 'unknown';

interface Declaration {
  key: string;
  name: string;
  start: number;
  kind: VariableKind;
}

/** How a use takes the variable: as a value, as a table (FROM @t …), or as either (an argument: a table-valued parameter). */
type UseKind = 'scalar' | 'table' | 'either';

interface Use {
  key: string;
  name: string;
  start: number;
  as: UseKind;
}

export class VariableTracker {
  private readonly declarations: Declaration[] = [];
  private readonly uses: Use[] = [];
  private readonly caseSensitive: boolean;

  constructor(caseSensitive: boolean) {
    this.caseSensitive = caseSensitive;
  }

  private key(name: string): string {
    return this.caseSensitive ? name : name.toLowerCase();
  }

  declare(name: string, start: number, kind: VariableKind): void {
    this.declarations.push({ key: this.key(name), name, start, kind });
  }

  use(name: string, start: number): void {
    if (name.startsWith('@@')) return;
    this.uses.push({ key: this.key(name), name, start, as: 'scalar' });
  }

  /** A use where a table variable may stand too: an argument of EXEC or of a user-defined function (a table-valued parameter). */
  argumentUse(name: string, start: number): void {
    if (name.startsWith('@@')) return;
    this.uses.push({ key: this.key(name), name, start, as: 'either' });
  }

  /** A use as a table: FROM @t, INSERT INTO @t, OUTPUT INTO @t, RECEIVE … INTO @t. */
  tableUse(name: string, start: number): void {
    this.uses.push({ key: this.key(name), name, start, as: 'table' });
  }

  finish(findings: Findings): void {
    // The first declaration of each name (by position); every other one is a redeclaration.
    const first = new Map<string, Declaration>();
    for (const d of this.declarations) {
      const known = first.get(d.key);
      if (known === undefined || d.start < known.start) first.set(d.key, d);
    }
    const out: { code: number; message: string; start: number }[] = [];
    for (const d of this.declarations) if (first.get(d.key) !== d) out.push({ code: 134, message: msg.duplicateVariable(d.name), start: d.start });
    // One finding per name and message, at its first bad use.
    const bad = new Map<string, { use: Use; code: number }>();
    for (const u of this.uses) {
      const d = first.get(u.key);
      const declaredBefore = d !== undefined && d.start <= u.start;
      let code = 0;
      if (u.as === 'table') {
        if (!declaredBefore || d.kind === 'scalar') code = 1087;
      } else if (!declaredBefore || (u.as === 'scalar' && d.kind === 'table')) code = 137;
      if (code === 0) continue;
      const tag = code === 137 ? u.key : `@table ${u.key}`;
      const known = bad.get(tag);
      if (known === undefined || u.start < known.use.start) bad.set(tag, { use: u, code });
    }
    for (const { use, code } of bad.values()) out.push({ code, message: code === 1087 ? msg.undeclaredTable(use.name) : msg.undeclaredScalar(use.name), start: use.start });
    out.sort((a, b) => a.start - b.start);
    for (const f of out) findings.error(f.code, f.message, f.start);
  }
}
