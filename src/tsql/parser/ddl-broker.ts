// Service Broker objects: message types, contracts, queues, services, routes, remote service bindings,
// broker priorities, and event notifications. Grammar from the docs pages "CREATE MESSAGE TYPE", "CREATE
// CONTRACT", "CREATE QUEUE", "ALTER QUEUE", "CREATE SERVICE", "ALTER SERVICE", "CREATE ROUTE", "CREATE
// REMOTE SERVICE BINDING", "CREATE BROKER PRIORITY", "CREATE EVENT NOTIFICATION", "DROP EVENT NOTIFICATION".
// Also the server objects that are a name and a list of options: external data sources, file formats,
// tables, libraries, languages and resource pools (PolyBase, Machine Learning Services), and Resource
// Governor's pools, workload groups and classifiers ("CREATE EXTERNAL …", "CREATE RESOURCE POOL", "CREATE
// WORKLOAD GROUP", "ALTER RESOURCE GOVERNOR").
import type { Ident, ObjectName, Statement } from './ast.js';
import type { Token } from '../lexer.js';
import type { DropObjects } from './ast-ddl-tables.js';
import type {
  ContractMessage,
  CreateBrokerPriority,
  CreateContract,
  CreateEventNotification,
  CreateKey,
  CreateMessageType,
  CreateQueue,
  CreateRemoteServiceBinding,
  CreateRoute,
  CreateService,
  ExternalColumn,
  ModuleOption,
  QueueActivation,
  ServerObjectStatement,
} from './ast-ddl-modules.js';
import type { Parser } from './core.js';
import { SyntaxFailure } from './core.js';
import { parseDropObjects } from './ddl-tables.js';
import { authorization, checkOption, noOrAlter, optionValue, parseExecuteAsOption, parseModuleOption } from './ddl-modules.js';
import { invalidEventTypeMessage, isNotificationEventType } from './event-types.js';
import { parseSelectStatement } from './query.js';
import type { DdlContext } from './statements.js';
import { opaque, registerDdl } from './statements.js';


/** `[DEFAULT]` or any name; Service Broker names are often bracketed URIs ([//Hart/Request]). */
const brokerName = (p: Parser): Ident => p.identifier();

/** `DROP <objectType> name` for the broker objects (one name, no IF EXISTS except where the docs have it). */
function dropOne(p: Parser, ctx: DdlContext, objectType: string): DropObjects {
  return parseDropObjects(p, ctx, objectType, false, false);
}

// ==== MESSAGE TYPE ====================================================================================

const VALIDATIONS = new Set(['NONE', 'EMPTY', 'WELL_FORMED_XML', 'VALID_XML']);

/**
 * CREATE MESSAGE TYPE m [AUTHORIZATION o] [VALIDATION = {NONE | EMPTY | WELL_FORMED_XML | VALID_XML WITH SCHEMA
 * COLLECTION c}]; ALTER MESSAGE TYPE m VALIDATION = …; DROP MESSAGE TYPE m.
 */
function parseMessageType(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'MESSAGE TYPE');
  p.next();
  p.expectWord('TYPE');
  const node: CreateMessageType = { kind: 'CreateMessageType', verb: ctx.verb, orAlter: false, name: brokerName(p), start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
  }
  if (ctx.verb === 'ALTER' || p.isWord('VALIDATION')) {
    p.expectWord('VALIDATION');
    p.expectPunct('=');
    if (!p.isAnyWord(VALIDATIONS)) p.fail();
    node.validation = p.next().upper;
    if (node.validation === 'VALID_XML') {
      p.expectWord('WITH');
      p.expectWord('SCHEMA');
      p.expectWord('COLLECTION');
      node.schemaCollection = p.objectName();
    }
  }
  node.end = p.prev.end;
  return node;
}

// ==== CONTRACT ========================================================================================

/** CREATE CONTRACT c [AUTHORIZATION o] ({message_type | [DEFAULT]} SENT BY {INITIATOR | TARGET | ANY} [, …]); DROP CONTRACT c. */
function parseContract(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'ALTER') return p.fail();
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'CONTRACT');
  p.next();
  const name = brokerName(p);
  const owner = authorization(p);
  const messages = p.parenList(contractMessage);
  const node: CreateContract = { kind: 'CreateContract', verb: 'CREATE', orAlter: false, name, messages, start: ctx.start, end: p.prev.end };
  if (owner !== undefined) node.authorization = owner;
  return node;
}

function contractMessage(p: Parser): ContractMessage {
  const start = p.tok.start;
  const messageType = brokerName(p);
  p.expectWord('SENT');
  p.expectWord('BY');
  let sentBy: ContractMessage['sentBy'];
  if (p.acceptWord('INITIATOR')) sentBy = 'INITIATOR';
  else if (p.acceptWord('TARGET')) sentBy = 'TARGET';
  else if (p.acceptWord('ANY')) sentBy = 'ANY';
  else return p.fail();
  return { kind: 'ContractMessage', messageType, sentBy, start, end: p.prev.end };
}

// ==== QUEUE ===========================================================================================

/**
 * CREATE QUEUE q [WITH option [, …]] [ON {filegroup | [DEFAULT]}] where an option is STATUS = ON|OFF,
 * RETENTION = ON|OFF, ACTIVATION ( … ), POISON_MESSAGE_HANDLING (STATUS = ON|OFF);
 * ALTER QUEUE q {WITH option [, …] | REBUILD [WITH (MAXDOP = n)] | REORGANIZE [WITH (LOB_COMPACTION = ON|OFF)]
 * | MOVE TO {filegroup | "default"}}; DROP QUEUE q (docs "CREATE QUEUE", "ALTER QUEUE").
 */
function parseQueue(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'QUEUE');
  p.next();
  const node: CreateQueue = { kind: 'CreateQueue', verb: ctx.verb, orAlter: false, name: p.objectName(), start: ctx.start, end: ctx.start };
  if (ctx.verb === 'ALTER' && alterQueueAction(p, node)) {
    node.end = p.prev.end;
    return node;
  }
  if (ctx.verb === 'ALTER' || p.isWord('WITH')) {
    p.expectWord('WITH');
    p.commaList((q) => queueOption(q, node, ctx.verb === 'ALTER'));
  }
  // The filegroup may also be written as a string: ON 'fg' (as the SQL Server 2022 parser does).
  if (ctx.verb === 'CREATE' && p.acceptWord('ON')) node.on = p.isWord('DEFAULT') || p.tok.kind === 'string' ? p.identFrom(p.next()) : p.identifier();
  node.end = p.prev.end;
  return node;
}

function queueOption(p: Parser, node: CreateQueue, alter: boolean): void {
  if (p.acceptWord('STATUS')) {
    p.expectPunct('=');
    node.status = p.onOff();
  } else if (p.acceptWord('RETENTION')) {
    p.expectPunct('=');
    node.retention = p.onOff();
  } else if (p.isWord('ACTIVATION')) node.activation = queueActivation(p, alter);
  else if (p.acceptWord('POISON_MESSAGE_HANDLING')) {
    p.expectPunct('(');
    p.expectWord('STATUS');
    p.expectPunct('=');
    node.poisonMessageHandling = p.onOff();
    p.expectPunct(')');
  } else p.fail();
}

/**
 * `ACTIVATION ([STATUS = ON|OFF,] PROCEDURE_NAME = p, MAX_QUEUE_READERS = n, EXECUTE AS {SELF | 'u' | OWNER})`,
 * each option once. CREATE QUEUE names all three of PROCEDURE_NAME, MAX_QUEUE_READERS and EXECUTE AS (docs
 * "CREATE QUEUE": only STATUS is optional); ALTER QUEUE may change any of them, or `(DROP)` the activation.
 */
function queueActivation(p: Parser, alter: boolean): QueueActivation {
  const start = p.next().start;
  const node: QueueActivation = { kind: 'QueueActivation', start, end: start };
  p.expectPunct('(');
  if (alter && p.acceptWord('DROP')) node.drop = true;
  else p.commaList((q) => activationOption(q, node));
  if (!alter && (node.procedureName === undefined || node.maxQueueReaders === undefined || node.executeAs === undefined)) p.fail();
  p.expectPunct(')');
  node.end = p.prev.end;
  return node;
}

function activationOption(p: Parser, node: QueueActivation): void {
  if (p.isWord('EXECUTE') && p.isWord('AS', 1)) {
    if (node.executeAs !== undefined) p.fail();
    node.executeAs = parseExecuteAsOption(p);
    return;
  }
  if (!p.isWord('STATUS') && !p.isWord('PROCEDURE_NAME') && !p.isWord('MAX_QUEUE_READERS')) p.fail();
  const given = p.isWord('STATUS') ? node.status : p.isWord('PROCEDURE_NAME') ? node.procedureName : node.maxQueueReaders;
  if (given !== undefined) p.fail();
  const word = p.next().upper;
  p.expectPunct('=');
  if (word === 'STATUS') node.status = p.onOff();
  else if (word === 'PROCEDURE_NAME') node.procedureName = p.objectName();
  else {
    if (p.tok.kind !== 'number') p.fail();
    node.maxQueueReaders = p.next().text;
  }
}

/** REBUILD [WITH (MAXDOP = n)] | REORGANIZE [WITH (LOB_COMPACTION = ON|OFF)] | MOVE TO {fg | "default"}. */
function alterQueueAction(p: Parser, node: CreateQueue): boolean {
  if (p.isWord('REBUILD') || p.isWord('REORGANIZE')) {
    node.action = p.next().upper;
    if (p.acceptWord('WITH')) {
      p.expectPunct('(');
      node.actionOptions = p.commaList((q) => checkOption(q, parseModuleOption(q), node.action === 'REBUILD' ? REBUILD_OPTIONS : REORGANIZE_OPTIONS));
      p.expectPunct(')');
    }
    return true;
  }
  if (p.isWord('MOVE')) {
    p.next();
    p.expectWord('TO');
    node.action = 'MOVE TO';
    node.on = p.isWord('DEFAULT') ? p.identFrom(p.next()) : p.identifier();
    return true;
  }
  return false;
}

const REBUILD_OPTIONS = new Set(['MAXDOP']);
const REORGANIZE_OPTIONS = new Set(['LOB_COMPACTION']);

// ==== SERVICE =========================================================================================

/**
 * CREATE SERVICE s [AUTHORIZATION o] ON QUEUE [schema.]q [({contract | [DEFAULT]} [, …])];
 * ALTER SERVICE s [ON QUEUE q] [(ADD CONTRACT c | DROP CONTRACT c [, …])]; DROP SERVICE s.
 * ALTER SERVICE MASTER KEY is a key statement (kept thin).
 */
function parseService(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (p.isWord('MASTER', 1) && p.isWord('KEY', 2)) return serviceMasterKey(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'SERVICE');
  p.next();
  const node: CreateService = { kind: 'CreateService', verb: ctx.verb, orAlter: false, name: brokerName(p), contracts: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
  }
  if (ctx.verb === 'CREATE' || p.isWord('ON')) {
    p.expectWord('ON');
    p.expectWord('QUEUE');
    node.queue = p.objectName();
  }
  if (p.isPunct('(')) {
    if (ctx.verb === 'CREATE') node.contracts = p.parenList(brokerName);
    else p.parenList((q) => serviceContractChange(q, node));
  }
  if (ctx.verb === 'ALTER' && node.queue === undefined && node.addContracts === undefined && node.dropContracts === undefined) p.fail();
  node.end = p.prev.end;
  return node;
}

function serviceContractChange(p: Parser, node: CreateService): void {
  if (!p.isWord('ADD') && !p.isWord('DROP')) p.fail();
  const add = p.next().upper === 'ADD';
  p.expectWord('CONTRACT');
  const contract = brokerName(p);
  if (add) (node.addContracts ??= []).push(contract);
  else (node.dropContracts ??= []).push(contract);
}

/** ALTER SERVICE MASTER KEY {[FORCE] REGENERATE | WITH {OLD_ACCOUNT | NEW_ACCOUNT} = 'a', {OLD_PASSWORD | NEW_PASSWORD} = 'p'}. */
function serviceMasterKey(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb !== 'ALTER') return opaque(p, ctx.start, `${ctx.verb} SERVICE MASTER KEY`);
  p.next();
  p.next();
  p.next();
  const node: CreateKey = { kind: 'CreateKey', verb: 'ALTER', orAlter: false, objectType: 'SERVICE MASTER KEY', options: [], start: ctx.start, end: ctx.start };
  const start = p.tok.start;
  const force = p.acceptWord('FORCE');
  if (force || p.isWord('REGENERATE')) {
    p.expectWord('REGENERATE');
    node.options.push({ kind: 'ModuleOption', name: force ? 'FORCE REGENERATE' : 'REGENERATE', start, end: p.prev.end });
  } else {
    p.expectWord('WITH');
    node.options = p.commaList((q) => checkOption(q, parseModuleOption(q), SERVICE_MASTER_KEY_OPTIONS));
  }
  node.end = p.prev.end;
  return node;
}

const SERVICE_MASTER_KEY_OPTIONS = new Set(['OLD_ACCOUNT', 'OLD_PASSWORD', 'NEW_ACCOUNT', 'NEW_PASSWORD']);

// ==== ROUTE ===========================================================================================

const ROUTE_OPTIONS = new Set(['SERVICE_NAME', 'BROKER_INSTANCE', 'LIFETIME', 'ADDRESS', 'MIRROR_ADDRESS']);

/** CREATE ROUTE r [AUTHORIZATION o] WITH [SERVICE_NAME = 's',] [BROKER_INSTANCE = 'i',] [LIFETIME = n,] ADDRESS = 'a' [, MIRROR_ADDRESS = 'a']; ALTER ROUTE r WITH …; DROP ROUTE r. */
function parseRoute(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'ROUTE');
  p.next();
  const node: CreateRoute = { kind: 'CreateRoute', verb: ctx.verb, orAlter: false, name: brokerName(p), options: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
  }
  p.expectWord('WITH');
  node.options = p.commaList((q) => checkOption(q, parseModuleOption(q), ROUTE_OPTIONS));
  // Each clause of the route is given at most once.
  failOnRepeatedOption(p, node.options);
  node.end = p.prev.end;
  return node;
}

// ==== REMOTE SERVICE BINDING ==========================================================================

const BINDING_OPTIONS = new Set(['USER', 'ANONYMOUS']);

/** CREATE REMOTE SERVICE BINDING b [AUTHORIZATION o] TO SERVICE 's' WITH USER = u [, ANONYMOUS = ON|OFF]; ALTER … WITH …; DROP …. */
function parseRemoteServiceBinding(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'REMOTE SERVICE BINDING');
  p.next();
  p.expectWord('SERVICE');
  p.expectWord('BINDING');
  const node: CreateRemoteServiceBinding = { kind: 'CreateRemoteServiceBinding', verb: ctx.verb, orAlter: false, name: brokerName(p), options: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
    p.expectWord('TO');
    p.expectWord('SERVICE');
    if (p.tok.kind !== 'string') p.fail();
    node.service = p.next().text;
  }
  p.expectWord('WITH');
  node.options = p.commaList((q) => checkOption(q, parseModuleOption(q), BINDING_OPTIONS));
  // USER is required in CREATE, before or after ANONYMOUS; each option once.
  if (ctx.verb === 'CREATE' && !node.options.some((o) => o.name === 'USER')) p.fail(p.prev);
  failOnRepeatedOption(p, node.options);
  node.end = p.prev.end;
  return node;
}

/** An option given twice fails at its second occurrence. */
function failOnRepeatedOption(p: Parser, options: readonly ModuleOption[]): void {
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.name)) p.fail(p.tokenAt(o.start));
    seen.add(o.name);
  }
}

// ==== BROKER PRIORITY =================================================================================

const PRIORITY_OPTIONS = new Set(['CONTRACT_NAME', 'LOCAL_SERVICE_NAME', 'REMOTE_SERVICE_NAME', 'PRIORITY_LEVEL']);

/**
 * CREATE BROKER PRIORITY p FOR CONVERSATION [SET ([CONTRACT_NAME = {c | ANY}] [[,] LOCAL_SERVICE_NAME = {s | ANY}]
 * [[,] REMOTE_SERVICE_NAME = {'s' | ANY}] [[,] PRIORITY_LEVEL = {n | DEFAULT}])]; ALTER … SET (…); DROP BROKER PRIORITY p.
 */
function parseBrokerPriority(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropOne(p, ctx, 'BROKER PRIORITY');
  p.next();
  p.expectWord('PRIORITY');
  const node: CreateBrokerPriority = { kind: 'CreateBrokerPriority', verb: ctx.verb, orAlter: false, name: brokerName(p), options: [], start: ctx.start, end: ctx.start };
  p.expectWord('FOR');
  p.expectWord('CONVERSATION');
  if (ctx.verb === 'ALTER' || p.isWord('SET')) {
    p.expectWord('SET');
    node.options = p.parenList(priorityOption);
    failOnRepeatedOption(p, node.options);
  }
  node.end = p.prev.end;
  return node;
}

/**
 * `NAME = value`: CONTRACT_NAME and LOCAL_SERVICE_NAME take a name or ANY, REMOTE_SERVICE_NAME a string or ANY,
 * PRIORITY_LEVEL an integer or DEFAULT (docs "CREATE BROKER PRIORITY").
 */
function priorityOption(p: Parser): ModuleOption {
  const start = p.tok.start;
  if (!p.isAnyWord(PRIORITY_OPTIONS)) p.fail();
  const name = p.next().upper;
  p.expectPunct('=');
  const t = p.tok;
  let ok: boolean;
  if (p.isWord('ANY')) ok = name !== 'PRIORITY_LEVEL';
  else if (name === 'PRIORITY_LEVEL') ok = p.isWord('DEFAULT') || (t.kind === 'number' && t.text.indexOf('.') < 0);
  else if (name === 'REMOTE_SERVICE_NAME') ok = t.kind === 'string';
  else ok = p.isIdentifier();
  if (!ok) p.fail();
  const value = optionValue(p);
  return { kind: 'ModuleOption', name, value, start, end: p.prev.end };
}

// ==== EVENT NOTIFICATION ==============================================================================

/**
 * CREATE EVENT NOTIFICATION n ON {SERVER | DATABASE | QUEUE q} [WITH FAN_IN] FOR event [, …] TO SERVICE 's',
 * {'broker_instance' | 'current database'}; DROP EVENT NOTIFICATION n [, …] ON {SERVER | DATABASE | QUEUE q}.
 * CREATE / ALTER / DROP EVENT SESSION (Extended Events) is kept opaque.
 */
function parseEvent(p: Parser, ctx: DdlContext): Statement {
  if (!p.isWord('NOTIFICATION', 1)) return opaque(p, ctx.start, `${ctx.verb} EVENT ${p.peek().upper}`);
  if (ctx.verb === 'ALTER') return p.fail(p.peek());
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') return dropEventNotification(p, ctx);
  p.next();
  p.next();
  const name = p.identifier();
  p.expectWord('ON');
  const { scope, queue } = notificationScope(p);
  let fanIn = false;
  if (p.isWord('WITH')) {
    p.next();
    p.expectWord('FAN_IN');
    fanIn = true;
  }
  p.expectWord('FOR');
  const events = p.commaList(eventName);
  p.expectWord('TO');
  p.expectWord('SERVICE');
  if (p.tok.kind !== 'string') p.fail();
  const service = p.next().text;
  p.expectPunct(',');
  if (p.tok.kind !== 'string') p.fail();
  const brokerInstance = p.next().text;
  const node: CreateEventNotification = { kind: 'CreateEventNotification', verb: 'CREATE', orAlter: false, name, scope, fanIn, events, service, brokerInstance, start: ctx.start, end: p.prev.end };
  if (queue !== undefined) node.queue = queue;
  return node;
}

function notificationScope(p: Parser): { scope: CreateEventNotification['scope']; queue?: ObjectName } {
  if (p.acceptWord('SERVER')) return { scope: 'SERVER' };
  if (p.acceptWord('DATABASE')) return { scope: 'DATABASE' };
  p.expectWord('QUEUE');
  return { scope: 'QUEUE', queue: p.objectName() };
}

/** A DDL or trace event type or group (docs "CREATE EVENT NOTIFICATION"); any other name is Msg 1084. */
function eventName(p: Parser): string {
  if (p.tok.kind !== 'word' || !p.isIdentifier()) p.fail();
  const t = p.next();
  if (!isNotificationEventType(t.upper)) throw new SyntaxFailure(1084, invalidEventTypeMessage(t.text), t);
  return t.upper;
}

function dropEventNotification(p: Parser, ctx: DdlContext): Statement {
  const node = parseDropObjects(p, ctx, 'EVENT NOTIFICATION', true, false);
  p.expectWord('ON');
  const { queue } = notificationScope(p);
  if (queue !== undefined) node.on = queue;
  node.end = p.prev.end;
  return node;
}

// ==== options that are `NAME = value` (external objects, Resource Governor) ===========================

/** Reads an option's value; fails at the value when it is not of the option's kind. */
type ValueRule = (p: Parser) => string;

function stringValue(p: Parser): string {
  if (p.tok.kind !== 'string') p.fail();
  return p.next().text;
}

/** A string that is not empty ('' is a syntax error where the grammar says nonEmptyString). */
function nonEmptyString(p: Parser): string {
  if (p.tok.kind !== 'string' || p.tok.value === '') p.fail();
  return p.next().text;
}

function identValue(p: Parser): string {
  const t = p.tok;
  p.identifier();
  return t.text;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

/** A non-negative integer (no sign, no decimals). */
function integerValue(p: Parser): string {
  if (p.tok.kind !== 'number' || !isDigits(p.tok.text)) p.fail();
  return p.next().text;
}

/** An unsigned integer or decimal (REJECT_VALUE = 0.5); no 0x…, no exponent. */
function numericValue(p: Parser): string {
  const t = p.tok;
  if (t.kind !== 'number') p.fail();
  const dot = t.text.indexOf('.');
  const whole = dot < 0 ? t.text : t.text.slice(0, dot);
  const fraction = dot < 0 ? '0' : t.text.slice(dot + 1) || '0';
  if (!(isDigits(whole) || (whole === '' && dot === 0)) || !isDigits(fraction)) p.fail();
  return p.next().text;
}

const wordIn =
  (words: ReadonlySet<string>): ValueRule =>
  (p) => {
    if (!p.isAnyWord(words)) p.fail();
    return p.next().upper;
  };

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '));
const ON_OFF = wordIn(words('ON OFF'));

/**
 * One `NAME = value` option whose name is a key of `rules`; an unknown name or one given twice fails at the
 * name (SQL Server rejects both).
 */
function namedOption(p: Parser, rules: ReadonlyMap<string, ValueRule>, seen?: Set<string>): ModuleOption {
  const t = p.tok;
  const rule = t.kind === 'word' ? rules.get(t.upper) : undefined;
  if (rule === undefined || seen?.has(t.upper) === true) return p.fail();
  seen?.add(t.upper);
  p.next();
  p.expectPunct('=');
  return optionNode(p, t, rule);
}

function optionNode(p: Parser, nameTok: Token, rule: ValueRule): ModuleOption {
  const valueTok = p.tok;
  const value = rule(p);
  const node: ModuleOption = { kind: 'ModuleOption', name: nameTok.upper, value, start: nameTok.start, end: p.prev.end };
  if (valueTok.kind === 'word' || valueTok.kind === 'quoted') node.ident = p.identFrom(valueTok);
  return node;
}

interface ParenOptions {
  /** Reads the options that are not `NAME = value` (AFFINITY …). */
  special?: (p: Parser, seen: Set<string> | undefined) => ModuleOption | undefined;
  /** Each option at most once (false: a resource pool's options may repeat; the last one wins). */
  unique?: boolean;
  /** A comma before `)` is tolerated (Microsoft's Azure Blob samples write one in CREATE EXTERNAL DATA SOURCE). */
  trailingComma?: boolean;
}

/** `( option [, …] )` with at least one option. */
function optionParens(p: Parser, rules: ReadonlyMap<string, ValueRule>, how: ParenOptions = {}): ModuleOption[] {
  p.expectPunct('(');
  const seen = how.unique === false ? undefined : new Set<string>();
  const out: ModuleOption[] = [];
  do {
    if (how.trailingComma === true && out.length > 0 && p.isPunct(')')) break;
    out.push(how.special?.(p, seen) ?? namedOption(p, rules, seen));
  } while (p.acceptPunct(','));
  p.expectPunct(')');
  return out;
}

function serverObject(ctx: DdlContext, objectType: string): ServerObjectStatement {
  if (ctx.verb === 'DROP') throw new Error('serverObject is for CREATE and ALTER');
  return { kind: 'ServerObject', verb: ctx.verb, objectType, options: [], start: ctx.start, end: ctx.start };
}

/** A one-part name wrapped as an ObjectName (pools, groups, data sources are not schema-scoped). */
function simpleName(p: Parser): ObjectName {
  const name = p.identifier();
  return { kind: 'ObjectName', name, start: name.start, end: name.end };
}

/** `DROP <objectWords> name [AUTHORIZATION o]` for the one-name kinds; the parser stands on the first of `objectWords`. */
function dropSimple(p: Parser, ctx: DdlContext, objectWords: string, objectType: string, withAuthorization = false): DropObjects {
  for (const w of objectWords.split(' ')) p.expectWord(w);
  const names = [simpleName(p)];
  if (withAuthorization) authorization(p);
  return p.finish<DropObjects>({ kind: 'DropObjects', objectType, ifExists: false, names }, ctx.start);
}

/** Consumes the words of a multi-word object kind after its first one (DATA SOURCE, FILE FORMAT, RESOURCE POOL). */
function objectWords(p: Parser, ...rest: string[]): void {
  p.next();
  for (const w of rest) p.expectWord(w);
}

// ==== EXTERNAL … ======================================================================================

/**
 * CREATE / ALTER / DROP EXTERNAL {DATA SOURCE | FILE FORMAT | TABLE | LIBRARY | LANGUAGE | RESOURCE POOL}
 * (the SQL Server 2022 parser's; SQL Server 2022 has no ALTER EXTERNAL TABLE or FILE FORMAT).
 */
function parseExternal(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  const what = p.peek();
  p.next();
  if (what.kind !== 'word') return p.fail();
  switch (what.upper) {
    case 'DATA':
      return externalDataSource(p, ctx);
    case 'FILE':
      if (ctx.verb === 'ALTER') return p.fail();
      return externalFileFormat(p, ctx);
    case 'TABLE':
      if (ctx.verb === 'ALTER') return p.fail();
      return externalTable(p, ctx);
    case 'LIBRARY':
      return externalLibrary(p, ctx);
    case 'LANGUAGE':
      return externalLanguage(p, ctx);
    case 'RESOURCE':
      return resourcePool(p, ctx, true);
    default:
      return p.fail();
  }
}

const DATA_SOURCE_OPTIONS = new Map<string, ValueRule>([
  ['LOCATION', stringValue],
  ['PUSHDOWN', ON_OFF],
  ['RESOURCE_MANAGER_LOCATION', stringValue],
  ['CREDENTIAL', identValue],
  ['DATABASE_NAME', stringValue],
  ['SHARD_MAP_NAME', stringValue],
  ['CONNECTION_OPTIONS', stringValue],
]);
/**
 * CREATE adds TYPE = {HADOOP | BLOB_STORAGE | RDBMS | SHARD_MAP_MANAGER}, the kinds the docs list (the other
 * connectors take no TYPE: their LOCATION prefix names them); another word is a syntax error at it.
 */
const CREATE_DATA_SOURCE_OPTIONS = new Map<string, ValueRule>([['TYPE', wordIn(words('HADOOP BLOB_STORAGE RDBMS SHARD_MAP_MANAGER'))], ...DATA_SOURCE_OPTIONS]);

/** CREATE EXTERNAL DATA SOURCE s WITH (option [, …]); ALTER … SET option [, …]; DROP … s (docs "CREATE EXTERNAL DATA SOURCE"). */
function externalDataSource(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return dropSimple(p, ctx, 'DATA SOURCE', 'EXTERNAL DATA SOURCE');
  objectWords(p, 'SOURCE');
  const node = serverObject(ctx, 'EXTERNAL DATA SOURCE');
  node.name = simpleName(p);
  if (ctx.verb === 'CREATE') {
    p.expectWord('WITH');
    node.options = optionParens(p, CREATE_DATA_SOURCE_OPTIONS, { trailingComma: true });
  } else {
    p.expectWord('SET');
    const seen = new Set<string>();
    node.options = p.commaList((q) => namedOption(q, DATA_SOURCE_OPTIONS, seen));
  }
  node.end = p.prev.end;
  return node;
}

const FORMAT_TYPES = words('DELIMITEDTEXT RCFILE ORC PARQUET JSON DELTA');
const FILE_FORMAT_OPTIONS = new Map<string, ValueRule>([
  ['SERDE_METHOD', stringValue],
  ['DATA_COMPRESSION', stringValue],
]);
const FORMAT_OPTIONS = new Map<string, ValueRule>([
  ['FIELD_TERMINATOR', stringValue],
  ['STRING_DELIMITER', stringValue],
  ['DATE_FORMAT', stringValue],
  ['USE_TYPE_DEFAULT', wordIn(words('TRUE FALSE'))],
  ['ENCODING', stringValue],
  ['FIRST_ROW', integerValue],
  ['PARSER_VERSION', stringValue],
]);

/**
 * CREATE EXTERNAL FILE FORMAT f WITH (FORMAT_TYPE = type [, FORMAT_OPTIONS (option [, …])] [, SERDE_METHOD = 's']
 * [, DATA_COMPRESSION = 's']); DROP EXTERNAL FILE FORMAT f (docs "CREATE EXTERNAL FILE FORMAT").
 */
function externalFileFormat(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return dropSimple(p, ctx, 'FILE FORMAT', 'EXTERNAL FILE FORMAT');
  objectWords(p, 'FORMAT');
  const node = serverObject(ctx, 'EXTERNAL FILE FORMAT');
  node.name = simpleName(p);
  p.expectWord('WITH');
  p.expectPunct('(');
  // FORMAT_TYPE comes first.
  const typeTok = p.tok;
  p.expectWord('FORMAT_TYPE');
  p.expectPunct('=');
  node.options.push(optionNode(p, typeTok, wordIn(FORMAT_TYPES)));
  const seen = new Set<string>();
  while (p.acceptPunct(',')) {
    if (p.isWord('FORMAT_OPTIONS') && !seen.has('FORMAT_OPTIONS')) {
      seen.add(p.next().upper);
      node.options.push(...optionParens(p, FORMAT_OPTIONS));
    } else node.options.push(namedOption(p, FILE_FORMAT_OPTIONS, seen));
  }
  p.expectPunct(')');
  node.end = p.prev.end;
  return node;
}

const DISTRIBUTIONS = words('REPLICATED ROUND_ROBIN');

/** DISTRIBUTION = {REPLICATED | ROUND_ROBIN | SHARDED (column)} */
function distributionValue(p: Parser): string {
  if (p.isAnyWord(DISTRIBUTIONS)) return p.next().upper;
  p.expectWord('SHARDED');
  p.expectPunct('(');
  const column = p.identifier();
  p.expectPunct(')');
  return `SHARDED(${column.value})`;
}

const EXTERNAL_TABLE_OPTIONS = new Map<string, ValueRule>([
  ['DATA_SOURCE', identValue],
  ['LOCATION', stringValue],
  ['FILE_FORMAT', identValue],
  ['REJECT_TYPE', wordIn(words('VALUE PERCENTAGE'))],
  ['REJECT_VALUE', numericValue],
  ['REJECT_SAMPLE_VALUE', numericValue],
  ['REJECTED_ROW_LOCATION', stringValue],
  ['DISTRIBUTION', distributionValue],
  ['SCHEMA_NAME', stringValue],
  ['OBJECT_NAME', stringValue],
  ['TABLE_OPTIONS', stringValue],
]);

/**
 * CREATE EXTERNAL TABLE [db.][schema.]t (column [, …]) WITH (option [, …]), or CREATE EXTERNAL TABLE t WITH
 * (option [, …]) AS select (CETAS); DROP EXTERNAL TABLE t [, …] (docs "CREATE EXTERNAL TABLE", "CREATE
 * EXTERNAL TABLE AS SELECT").
 */
function externalTable(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') {
    p.next();
    const names = p.commaList(threePartName);
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'EXTERNAL TABLE', ifExists: false, names }, ctx.start);
  }
  p.next();
  const node = serverObject(ctx, 'EXTERNAL TABLE');
  node.name = threePartName(p);
  if (p.isPunct('(')) node.columns = p.parenList(externalColumn);
  p.expectWord('WITH');
  node.options = optionParens(p, EXTERNAL_TABLE_OPTIONS);
  if (node.columns === undefined) {
    p.expectWord('AS');
    node.query = parseSelectStatement(p);
  }
  node.end = p.prev.end;
  return node;
}

/** `[db.][schema.]name`: a server prefix fails at its dot. */
function threePartName(p: Parser): ObjectName {
  const name = p.objectName();
  if (name.server !== undefined) p.fail(p.prev);
  return name;
}

/** `column type [COLLATE c] [NULL | NOT NULL]` — no constraints, defaults or identity in an external table. */
function externalColumn(p: Parser): ExternalColumn {
  const start = p.tok.start;
  const node: ExternalColumn = { kind: 'ExternalColumn', name: p.identifier(), dataType: p.dataType(), start, end: start };
  if (p.acceptWord('COLLATE')) node.collation = p.identifier();
  if (p.isWord('NOT') && p.isWord('NULL', 1)) {
    p.next();
    p.next();
    node.notNull = true;
  } else if (p.acceptWord('NULL')) node.notNull = false;
  node.end = p.prev.end;
  return node;
}

/** `(CONTENT = {0x… | 'path'} [, PLATFORM = name])` of a library. */
function libraryFile(p: Parser, out: ModuleOption[]): void {
  p.expectPunct('(');
  const contentTok = p.tok;
  p.expectWord('CONTENT');
  p.expectPunct('=');
  out.push(optionNode(p, contentTok, binaryOrString));
  while (p.acceptPunct(',')) {
    const platformTok = p.tok;
    p.expectWord('PLATFORM');
    p.expectPunct('=');
    out.push(optionNode(p, platformTok, identValue));
  }
  p.expectPunct(')');
}

function binaryOrString(p: Parser): string {
  const t = p.tok;
  if (t.kind === 'string' || (t.kind === 'number' && (t.text.startsWith('0x') || t.text.startsWith('0X')))) return p.next().text;
  return p.fail();
}

/** `WITH (LANGUAGE = 'R')` */
function libraryLanguage(p: Parser, out: ModuleOption[]): void {
  p.expectWord('WITH');
  p.expectPunct('(');
  const t = p.tok;
  p.expectWord('LANGUAGE');
  p.expectPunct('=');
  out.push(optionNode(p, t, nonEmptyString));
  p.expectPunct(')');
}

/**
 * CREATE EXTERNAL LIBRARY l [AUTHORIZATION o] FROM file [, …] WITH (LANGUAGE = 'R'); ALTER EXTERNAL LIBRARY l
 * [AUTHORIZATION o] SET file WITH (LANGUAGE = 'R'); DROP EXTERNAL LIBRARY l [AUTHORIZATION o] (docs "CREATE
 * EXTERNAL LIBRARY").
 */
function externalLibrary(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return dropSimple(p, ctx, 'LIBRARY', 'EXTERNAL LIBRARY', true);
  p.next();
  const node = serverObject(ctx, 'EXTERNAL LIBRARY');
  node.name = simpleName(p);
  const owner = authorization(p);
  if (owner !== undefined) node.authorization = owner;
  if (ctx.verb === 'CREATE') {
    p.expectWord('FROM');
    do libraryFile(p, node.options);
    while (p.acceptPunct(','));
  } else {
    p.expectWord('SET');
    libraryFile(p, node.options);
  }
  libraryLanguage(p, node.options);
  node.end = p.prev.end;
  return node;
}

const LANGUAGE_FILE_OPTIONS = new Map<string, ValueRule>([
  ['PLATFORM', identValue],
  ['PARAMETERS', nonEmptyString],
  ['ENVIRONMENT_VARIABLES', nonEmptyString],
]);

/** `(CONTENT = {0x… | 'path'}, FILE_NAME = 'f' [, PLATFORM = p] [, PARAMETERS = 's'] [, ENVIRONMENT_VARIABLES = 's'])` */
function languageFile(p: Parser, out: ModuleOption[]): void {
  p.expectPunct('(');
  const contentTok = p.tok;
  p.expectWord('CONTENT');
  p.expectPunct('=');
  out.push(optionNode(p, contentTok, binaryOrString));
  p.expectPunct(',');
  const fileTok = p.tok;
  p.expectWord('FILE_NAME');
  p.expectPunct('=');
  out.push(optionNode(p, fileTok, nonEmptyString));
  const seen = new Set<string>();
  while (p.acceptPunct(',')) out.push(namedOption(p, LANGUAGE_FILE_OPTIONS, seen));
  p.expectPunct(')');
}

/**
 * CREATE EXTERNAL LANGUAGE l [AUTHORIZATION o] FROM file [, …]; ALTER EXTERNAL LANGUAGE l [AUTHORIZATION o]
 * {SET file | ADD file | REMOVE PLATFORM p}; DROP EXTERNAL LANGUAGE l (docs "CREATE EXTERNAL LANGUAGE").
 */
function externalLanguage(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return dropSimple(p, ctx, 'LANGUAGE', 'EXTERNAL LANGUAGE', true);
  p.next();
  const node = serverObject(ctx, 'EXTERNAL LANGUAGE');
  node.name = simpleName(p);
  const owner = authorization(p);
  if (owner !== undefined) node.authorization = owner;
  if (ctx.verb === 'CREATE') {
    p.expectWord('FROM');
    do languageFile(p, node.options);
    while (p.acceptPunct(','));
  } else if (p.acceptWord('SET') || p.acceptWord('ADD')) languageFile(p, node.options);
  else {
    p.expectWord('REMOVE');
    const t = p.tok;
    p.expectWord('PLATFORM');
    node.options.push({ kind: 'ModuleOption', name: 'REMOVE PLATFORM', value: p.identifier().value, start: t.start, end: p.prev.end });
  }
  node.end = p.prev.end;
  return node;
}

// ==== Resource Governor ===============================================================================

/** A whole-number percentage from `min` to 100; any other value fails at it. */
const percentFrom =
  (min: number): ValueRule =>
  (p) => {
    const t = p.tok;
    const value = integerValue(p);
    const n = Number(value);
    if (n < min || n > 100) p.fail(t);
    return value;
  };

/**
 * The percentages' documented ranges (docs "CREATE RESOURCE POOL": MIN_CPU_PERCENT and MIN_MEMORY_PERCENT 0 to
 * 100, MAX_CPU_PERCENT, CAP_CPU_PERCENT and MAX_MEMORY_PERCENT 1 to 100; "CREATE EXTERNAL RESOURCE POOL":
 * MAX_CPU_PERCENT and MAX_MEMORY_PERCENT 1 to 100).
 */
const POOL_OPTIONS = new Map<string, ValueRule>([
  ...['TARGET_MEMORY_PERCENT', 'MIN_IO_PERCENT', 'MAX_IO_PERCENT', 'CAP_IO_PERCENT', 'MIN_IOPS_PER_VOLUME', 'MAX_IOPS_PER_VOLUME'].map((name): [string, ValueRule] => [name, integerValue]),
  ...['MIN_CPU_PERCENT', 'MIN_MEMORY_PERCENT'].map((name): [string, ValueRule] => [name, percentFrom(0)]),
  ...['MAX_CPU_PERCENT', 'CAP_CPU_PERCENT', 'MAX_MEMORY_PERCENT'].map((name): [string, ValueRule] => [name, percentFrom(1)]),
]);
const EXTERNAL_POOL_OPTIONS = new Map<string, ValueRule>([
  ['MAX_CPU_PERCENT', percentFrom(1)],
  ['MAX_MEMORY_PERCENT', percentFrom(1)],
  ['MAX_PROCESSES', integerValue],
]);

/**
 * `AFFINITY {SCHEDULER | CPU} = {AUTO | (n [TO n] [, …])}` or `AFFINITY NUMANODE = (n [TO n] [, …])`: SCHEDULER in
 * a resource pool, CPU in an external one.
 */
function affinity(p: Parser, seen: Set<string> | undefined, external: boolean): ModuleOption | undefined {
  if (!p.isWord('AFFINITY')) return undefined;
  const start = p.tok.start;
  if (seen?.has('AFFINITY') === true) p.fail();
  p.next();
  seen?.add('AFFINITY');
  const kind = p.tok;
  if (!p.isWord(external ? 'CPU' : 'SCHEDULER') && !p.isWord('NUMANODE')) p.fail();
  p.next();
  p.expectPunct('=');
  let value: string;
  if (kind.upper !== 'NUMANODE' && p.isWord('AUTO')) value = p.next().upper;
  else {
    const ranges = p.parenList((q) => {
      const from = integerValue(q);
      return q.acceptWord('TO') ? `${from} TO ${integerValue(q)}` : from;
    });
    value = `(${ranges.join(', ')})`;
  }
  return { kind: 'ModuleOption', name: `AFFINITY ${kind.upper}`, value, start, end: p.prev.end };
}

/**
 * CREATE | ALTER [EXTERNAL] RESOURCE POOL p [WITH (option [, …])]; DROP [EXTERNAL] RESOURCE POOL p (docs "CREATE
 * RESOURCE POOL", "CREATE EXTERNAL RESOURCE POOL"). The parser stands on RESOURCE.
 */
function resourcePool(p: Parser, ctx: DdlContext, external: boolean): Statement {
  const objectType = external ? 'EXTERNAL RESOURCE POOL' : 'RESOURCE POOL';
  if (ctx.verb === 'DROP') {
    return dropSimple(p, ctx, 'RESOURCE POOL', objectType);
  }
  objectWords(p, 'POOL');
  const node = serverObject(ctx, objectType);
  node.name = simpleName(p);
  // A WITH after the name is always the pool's options (a CTE cannot follow without a `;`).
  // An external pool's options are each given once (the SQL Server 2022 parser checks it); a resource pool's may repeat.
  if (p.acceptWord('WITH')) node.options = optionParens(p, external ? EXTERNAL_POOL_OPTIONS : POOL_OPTIONS, { special: (q, seen) => affinity(q, seen, external), unique: external });
  node.end = p.prev.end;
  return node;
}

/** RESOURCE POOL, or ALTER RESOURCE GOVERNOR. */
function parseResource(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  if (p.isWord('GOVERNOR', 1)) {
    if (ctx.verb !== 'ALTER') return p.fail(p.peek());
    return resourceGovernor(p, ctx);
  }
  return resourcePool(p, ctx, false);
}

/**
 * ALTER RESOURCE GOVERNOR {DISABLE | RECONFIGURE | RESET STATISTICS | WITH (CLASSIFIER_FUNCTION = {[schema.]f |
 * NULL}) | WITH (MAX_OUTSTANDING_IO_PER_VOLUME = n)} (docs "ALTER RESOURCE GOVERNOR").
 */
function resourceGovernor(p: Parser, ctx: DdlContext): Statement {
  objectWords(p, 'GOVERNOR');
  const node = serverObject(ctx, 'RESOURCE GOVERNOR');
  const start = p.tok.start;
  if (p.isWord('DISABLE') || p.isWord('RECONFIGURE')) node.options.push({ kind: 'ModuleOption', name: p.next().upper, start, end: p.prev.end });
  else if (p.acceptWord('RESET')) {
    p.expectWord('STATISTICS');
    node.options.push({ kind: 'ModuleOption', name: 'RESET STATISTICS', start, end: p.prev.end });
  } else {
    p.expectWord('WITH');
    node.options = optionParens(p, GOVERNOR_OPTIONS);
  }
  node.end = p.prev.end;
  return node;
}

/** The classifier function: a one- or two-part name, or NULL (no classifier). */
function classifierFunction(p: Parser): string {
  if (p.isWord('NULL')) return p.next().upper;
  const name = p.objectName();
  if (name.database !== undefined) p.fail(p.prev);
  return p.text.slice(name.start, name.end);
}

const GOVERNOR_OPTIONS = new Map<string, ValueRule>([
  ['CLASSIFIER_FUNCTION', classifierFunction],
  ['MAX_OUTSTANDING_IO_PER_VOLUME', integerValue],
]);

const IMPORTANCE = wordIn(words('LOW MEDIUM HIGH BELOW_NORMAL NORMAL ABOVE_NORMAL'));
const GROUP_OPTIONS = new Map<string, ValueRule>([
  ['IMPORTANCE', IMPORTANCE],
  ...[
    'REQUEST_MAX_MEMORY_GRANT_PERCENT', 'REQUEST_MAX_CPU_TIME_SEC', 'REQUEST_MEMORY_GRANT_TIMEOUT_SEC', 'MAX_DOP', 'GROUP_MAX_REQUESTS',
    'GROUP_MIN_MEMORY_PERCENT', 'CAP_PERCENTAGE_RESOURCE', 'MIN_PERCENTAGE_RESOURCE', 'QUERY_EXECUTION_TIMEOUT_SEC',
    'REQUEST_MAX_RESOURCE_GRANT_PERCENT', 'REQUEST_MIN_RESOURCE_GRANT_PERCENT',
  ].map((name): [string, ValueRule] => [name, numericValue]),
]);
const CLASSIFIER_OPTIONS = new Map<string, ValueRule>([
  ['WORKLOAD_GROUP', stringValue],
  ['MEMBERNAME', stringValue],
  ['WLM_LABEL', stringValue],
  ['WLM_CONTEXT', stringValue],
  ['IMPORTANCE', IMPORTANCE],
  ['START_TIME', stringValue],
  ['END_TIME', stringValue],
]);

/**
 * CREATE | ALTER WORKLOAD GROUP g [WITH (option [, …])] [USING {pool | "default"} [, EXTERNAL {pool | "default"}]];
 * DROP WORKLOAD GROUP g; CREATE WORKLOAD CLASSIFIER c WITH (option [, …]); DROP WORKLOAD CLASSIFIER c (docs "CREATE
 * WORKLOAD GROUP", "CREATE WORKLOAD CLASSIFIER").
 */
function parseWorkload(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  const classifier = p.isWord('CLASSIFIER', 1);
  if (!classifier && !p.isWord('GROUP', 1)) return p.fail(p.peek());
  if (ctx.verb === 'DROP') return dropSimple(p, ctx, classifier ? 'WORKLOAD CLASSIFIER' : 'WORKLOAD GROUP', classifier ? 'WORKLOAD CLASSIFIER' : 'WORKLOAD GROUP');
  if (classifier && ctx.verb === 'ALTER') return p.fail(p.peek());
  p.next();
  p.next();
  const node = serverObject(ctx, classifier ? 'WORKLOAD CLASSIFIER' : 'WORKLOAD GROUP');
  node.name = simpleName(p);
  if (classifier) {
    p.expectWord('WITH');
    node.options = optionParens(p, CLASSIFIER_OPTIONS);
  } else {
    if (p.acceptWord('WITH')) node.options = optionParens(p, GROUP_OPTIONS);
    if (p.isWord('USING')) usingPools(p, node);
  }
  node.end = p.prev.end;
  return node;
}

/** `USING {pool | "default"} [, EXTERNAL pool]`, or `USING EXTERNAL pool`: one pool of each kind. */
function usingPools(p: Parser, node: ServerObjectStatement): void {
  p.next();
  let pool = false;
  let external = false;
  do {
    const start = p.tok.start;
    const isExternal = p.acceptWord('EXTERNAL');
    if (isExternal ? external : pool) p.fail(p.tokens[p.pos - (isExternal ? 1 : 0)]);
    if (isExternal) external = true;
    else pool = true;
    const name = p.identifier();
    node.options.push({ kind: 'ModuleOption', name: isExternal ? 'USING EXTERNAL' : 'USING', value: name.value, ident: name, start, end: p.prev.end });
  } while (p.acceptPunct(','));
}

// ==== registration ====================================================================================

const ALL_VERBS = ['CREATE', 'ALTER', 'DROP'] as const;

registerDdl(ALL_VERBS, 'MESSAGE', parseMessageType);
registerDdl(ALL_VERBS, 'CONTRACT', parseContract);
registerDdl(ALL_VERBS, 'QUEUE', parseQueue);
registerDdl(ALL_VERBS, 'SERVICE', parseService);
registerDdl(ALL_VERBS, 'ROUTE', parseRoute);
registerDdl(ALL_VERBS, 'REMOTE', parseRemoteServiceBinding);
registerDdl(ALL_VERBS, 'BROKER', parseBrokerPriority);
registerDdl(ALL_VERBS, 'EVENT', parseEvent);
registerDdl(ALL_VERBS, 'EXTERNAL', parseExternal);
registerDdl(ALL_VERBS, 'RESOURCE', parseResource);
registerDdl(ALL_VERBS, 'WORKLOAD', parseWorkload);
