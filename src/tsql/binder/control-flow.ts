// Control-of-flow rules SQL Server checks when it compiles a batch or creates a module: Msg 132 (a
// label declared twice), 133 (GOTO to a label never declared), 135 / 136 (BREAK / CONTINUE outside a
// WHILE), 178 (RETURN with a value outside a procedure or scalar function) and 140 (IF UPDATE()
// outside a trigger). Labels are scoped to the batch or module, like variables.
import type { NodeBase } from '../parser/ast.js';
import type { Findings } from './messages.js';
import { msg } from './messages.js';
import { child, children, str } from './nodes.js';

type Context = 'batch' | 'procedure' | 'scalar-function' | 'table-function' | 'trigger' | 'view';

interface Unit {
  context: Context;
  labels: Set<string>;
  gotos: { label: string; offset: number }[];
  whileDepth: number;
}

/** Statement fields that hold statements (the walk never enters expressions except IF conditions). */
const STATEMENT_FIELDS = ['then', 'else', 'body', 'statements', 'tryStatements', 'catchStatements'];

export function checkControlFlow(statements: readonly NodeBase[], findings: Findings, caseSensitive: boolean): void {
  new ControlFlow(findings, caseSensitive).unit(statements, 'batch');
}

class ControlFlow {
  private current: Unit = { context: 'batch', labels: new Set(), gotos: [], whileDepth: 0 };
  private readonly findings: Findings;
  private readonly cs: boolean;

  constructor(findings: Findings, caseSensitive: boolean) {
    this.findings = findings;
    this.cs = caseSensitive;
  }

  unit(statements: readonly NodeBase[], context: Context): void {
    const saved = this.current;
    this.current = { context, labels: new Set(), gotos: [], whileDepth: 0 };
    for (const s of statements) this.statement(s);
    for (const g of this.current.gotos) if (!this.current.labels.has(this.key(g.label))) this.findings.error(133, msg.labelMissing(g.label), g.offset);
    this.current = saved;
  }

  private key(s: string): string {
    return this.cs ? s : s.toLowerCase();
  }

  private statement(s: NodeBase): void {
    switch (s.kind) {
      case 'Label': {
        const name = str(s, 'name');
        if (name === undefined) return;
        if (this.current.labels.has(this.key(name))) this.findings.error(132, msg.labelDeclared(name), s.start);
        else this.current.labels.add(this.key(name));
        return;
      }
      case 'Goto': {
        const label = str(s, 'label');
        if (label !== undefined) this.current.gotos.push({ label, offset: s.start });
        return;
      }
      case 'Break':
        if (this.current.whileDepth === 0) this.findings.error(135, msg.breakOutside, s.start);
        return;
      case 'Continue':
        if (this.current.whileDepth === 0) this.findings.error(136, msg.continueOutside, s.start);
        return;
      case 'Return':
        if (child(s, 'value') !== undefined && this.current.context !== 'procedure' && this.current.context !== 'scalar-function') this.findings.error(178, msg.returnValue, s.start);
        return;
      case 'While':
        this.current.whileDepth++;
        this.nested(s);
        this.current.whileDepth--;
        return;
      case 'If': {
        const condition = child(s, 'condition');
        if (condition !== undefined && this.current.context !== 'trigger') this.ifUpdate(condition);
        this.nested(s);
        return;
      }
      case 'CreateProcedure':
        this.unit(children(s, 'body'), 'procedure');
        return;
      case 'CreateTrigger':
        this.unit(children(s, 'body'), 'trigger');
        return;
      case 'CreateFunction':
        this.unit(children(s, 'body'), child(s, 'returns')?.kind === 'ScalarReturns' ? 'scalar-function' : 'table-function');
        return;
      default:
        this.nested(s);
    }
  }

  private nested(s: NodeBase): void {
    for (const key of STATEMENT_FIELDS) for (const c of children(s, key)) this.statement(c);
  }

  /** `IF UPDATE(col)` outside a trigger: Msg 140 (at the IF's UPDATE). */
  private ifUpdate(n: NodeBase): void {
    if (n.kind === 'UpdatedColumn') {
      this.findings.error(140, msg.ifUpdateOutside, n.start);
      return;
    }
    if (n.kind === 'Logical' || n.kind === 'Not' || n.kind === 'Paren') {
      for (const key of ['left', 'right', 'expr', 'operand']) for (const c of children(n, key)) this.ifUpdate(c);
    }
  }
}
