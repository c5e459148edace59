// A recording fake of SqlSession for tests (SQL Server cannot run on the build machines). It records
// every call in order and answers from rules: the first rule whose pattern matches the text wins.
// Not used by the product: only tests import it.
import type { BatchResult, BulkTable, Row, SqlParams, SqlSession } from '../../src/sqlserver/session.js';

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
  /** The rule applies only while this holds (e.g. a simulated database state). */
  when?: () => boolean;
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

  /** Answer texts matching `pattern` (until `times` uses are spent, and only while `when` holds). */
  on(pattern: RegExp | string, answer: FakeAnswer, times = Infinity, when?: () => boolean): this {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    this.rules.unshift(when === undefined ? { pattern: re, answer, times } : { pattern: re, answer, times, when });
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
    const rule = this.rules.find((r) => r.times > 0 && r.pattern.test(text) && (r.when === undefined || r.when()));
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

/**
 * Gives the recording fake a tiny memory of one database, enough for multi-run tests: whether it
 * exists, its settings, its journal, and one golden backup. Only the kit's own texts are simulated.
 */
export class SimulatedDatabase {
  exists = false;
  brokerEnabled = false;
  recovery = 'FULL';
  /** sys.databases.state_desc; RESTORING after an interrupted restore. */
  state = 'ONLINE';
  readCommittedSnapshot = false;
  journalTable = false;
  journal = new Map<string, Row>();
  backup: { name: string; journal: Map<string, Row> } | undefined;

  constructor(
    readonly server: RecordingFakeServer,
    readonly name: string,
  ) {
    server.on(/FROM sys\.databases AS d WHERE d\.\[name\] = @db/, () => (this.exists ? [[this.statusRow()]] : [[]]));
    server.on(/^CREATE DATABASE /, () => {
      this.exists = true;
      return undefined;
    });
    server.on(/SET RECOVERY SIMPLE/, () => {
      this.recovery = 'SIMPLE';
      return undefined;
    });
    server.on(/SET READ_COMMITTED_SNAPSHOT ON/, () => {
      this.readCommittedSnapshot = true;
      return undefined;
    });
    server.on(/SET (ENABLE|NEW)_BROKER/, () => {
      this.brokerEnabled = true;
      return undefined;
    });
    server.on(/^UPDATE \[hartdev\]\.\[Journal\]/, (call) => {
      if (call.kind === 'query' && call.params !== undefined) {
        const row: Row = Object.fromEntries(Object.entries(call.params).map(([k, p]) => [k, p.value]));
        this.journal.set(String(row.path), row);
      }
      return undefined;
    });
    server.on(/^DELETE FROM \[hartdev\]\.\[Journal\] WHERE \[Path\] = @path/, (call) => {
      if (call.kind === 'query' && call.params !== undefined) this.journal.delete(String(call.params.path?.value));
      return undefined;
    });
    server.on(/CREATE TABLE \[hartdev\]\.\[Journal\]/, () => {
      this.journalTable = true;
      return undefined;
    });
    server.on(/^SELECT \[Path\] AS path/, () => [[...this.journal.values()]]);
    server.on(/DROP DATABASE/, () => {
      this.exists = false;
      this.state = 'ONLINE';
      this.journalTable = false;
      this.journal = new Map();
      this.brokerEnabled = false;
      return undefined;
    });
    server.on(/BACKUP DATABASE/, () => {
      const name = /NAME = N'([^']*)'/.exec(this.lastText())?.[1] ?? '';
      this.backup = { name, journal: new Map(this.journal) };
      return undefined;
    });
    server.on(/^RESTORE HEADERONLY/, () => {
      if (this.backup === undefined) return fakeSqlError(3201, 'Cannot open backup device. Operating system error 2(The system cannot find the file specified.).');
      return [[{ BackupName: this.backup.name, DatabaseName: this.name }]];
    });
    server.on(/RESTORE DATABASE/, () => {
      if (this.backup === undefined) return fakeSqlError(3201, 'Cannot open backup device.');
      this.exists = true;
      this.state = 'ONLINE';
      this.journalTable = true;
      this.journal = new Map(this.backup.journal);
      // A restored database comes back with Service Broker off.
      this.brokerEnabled = false;
      return undefined;
    });
    // Any ALTER DATABASE of a database that is not ONLINE: "ALTER DATABASE is not permitted while a
    // database is in the Restoring state." (Msg 5052); checked before the rules above.
    server.on(
      /^ALTER DATABASE /,
      () => fakeSqlError(5052, `ALTER DATABASE is not permitted while a database is in the ${this.state.charAt(0)}${this.state.slice(1).toLowerCase()} state.`),
      Infinity,
      () => this.exists && this.state !== 'ONLINE',
    );
  }

  private lastText(): string {
    const last = this.server.calls[this.server.calls.length - 1];
    return last !== undefined && (last.kind === 'batch' || last.kind === 'query') ? last.text : '';
  }

  private statusRow(): Row {
    return {
      name: this.name,
      collation: 'SQL_Latin1_General_CP1_CI_AS',
      recovery: this.recovery,
      readCommittedSnapshot: this.readCommittedSnapshot,
      brokerEnabled: this.brokerEnabled,
      state: this.state,
      userAccess: 'MULTI_USER',
      journal: this.journalTable ? JSON.stringify([...this.journal.values()]) : null,
    };
  }
}
