// A recording fake of SqlSession for tests (SQL Server cannot run on the build machines). It records
// every call in order and answers from rules: the first rule whose pattern matches the text wins.
// Not used by the product: only tests import it.
import type { BatchResult, BulkTable, Row, SqlParams, SqlSession } from './session.js';

export type FakeCall =
  | { kind: 'batch'; text: string; params?: SqlParams; database: string }
  | { kind: 'query'; text: string; params?: SqlParams; database: string }
  | { kind: 'bulk'; table: BulkTable; database: string }
  | { kind: 'use'; database: string }
  | { kind: 'open'; database: string }
  | { kind: 'close'; database: string };

export type FakeAnswer = Row[] | Row[][] | Error | ((call: FakeCall) => Row[] | Row[][] | Error | undefined);

interface Rule {
  pattern: RegExp;
  answer: FakeAnswer;
  /** How many more times the rule applies (Infinity: always). */
  times: number;
}

/** An error shaped like mssql's RequestError (number, state, class, lineNumber, procName). */
export function fakeSqlError(number: number, message: string, extra: { lineNumber?: number; severity?: number; state?: number; procName?: string } = {}): Error {
  return Object.assign(new Error(message), {
    name: 'RequestError',
    code: 'EREQUEST',
    number,
    state: extra.state ?? 1,
    class: extra.severity ?? 16,
    lineNumber: extra.lineNumber ?? 1,
    procName: extra.procName ?? '',
  });
}

/** One shared recorder for every session a test opens (each phase opens its own). */
export class RecordingFakeServer {
  readonly calls: FakeCall[] = [];
  private readonly rules: Rule[] = [];
  /** Called before each batch is answered: tests press "Ctrl-C" here. */
  onBatch: ((text: string) => void) | undefined;

  /** Answer texts matching `pattern` (until `times` uses are spent). */
  on(pattern: RegExp | string, answer: FakeAnswer, times = Infinity): this {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    this.rules.unshift({ pattern: re, answer, times });
    return this;
  }

  batches(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'batch' ? [c.text] : []));
  }

  queries(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'query' ? [c.text] : []));
  }

  open(database: string): SqlSession {
    this.calls.push({ kind: 'open', database });
    return new RecordingFakeSession(this, database);
  }

  answer(call: FakeCall, text: string): Row[][] {
    const rule = this.rules.find((r) => r.times > 0 && r.pattern.test(text));
    if (rule === undefined) return [];
    rule.times -= 1;
    const value = typeof rule.answer === 'function' ? rule.answer(call) : rule.answer;
    if (value instanceof Error) throw value;
    if (value === undefined) return [];
    if (value.length > 0 && Array.isArray(value[0])) return value.filter((v): v is Row[] => Array.isArray(v));
    return [value.filter((v): v is Row => !Array.isArray(v))];
  }
}

export class RecordingFakeSession implements SqlSession {
  constructor(
    private readonly server: RecordingFakeServer,
    private database: string,
  ) {}

  async batch(text: string, params?: SqlParams): Promise<BatchResult> {
    const call: FakeCall = params === undefined ? { kind: 'batch', text, database: this.database } : { kind: 'batch', text, params, database: this.database };
    this.server.calls.push(call);
    this.server.onBatch?.(text);
    const recordsets = this.server.answer(call, text);
    return { recordsets, rowsAffected: recordsets.map((r) => r.length) };
  }

  async query(text: string, params?: SqlParams): Promise<Row[]> {
    const call: FakeCall = params === undefined ? { kind: 'query', text, database: this.database } : { kind: 'query', text, params, database: this.database };
    this.server.calls.push(call);
    return this.server.answer(call, text)[0] ?? [];
  }

  async bulk(table: BulkTable): Promise<number> {
    const call: FakeCall = { kind: 'bulk', table, database: this.database };
    this.server.calls.push(call);
    this.server.answer(call, `BULK ${table.name}`);
    return table.rows.length;
  }

  async use(database: string): Promise<void> {
    this.server.calls.push({ kind: 'use', database });
    this.database = database;
  }

  async close(): Promise<void> {
    this.server.calls.push({ kind: 'close', database: this.database });
  }
}
