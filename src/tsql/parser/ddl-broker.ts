// Service Broker objects: message types, contracts, queues, services, routes, remote service bindings,
// broker priorities, and event notifications. Grammar from the docs pages "CREATE MESSAGE TYPE", "CREATE
// CONTRACT", "CREATE QUEUE", "ALTER QUEUE", "CREATE SERVICE", "ALTER SERVICE", "CREATE ROUTE", "CREATE
// REMOTE SERVICE BINDING", "CREATE BROKER PRIORITY", "CREATE EVENT NOTIFICATION", "DROP EVENT NOTIFICATION".
import type { Ident, ObjectName, Statement } from './ast.js';
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
  ModuleOption,
  QueueActivation,
} from './ast-ddl-modules.js';
import type { Parser } from './core.js';
import { parseDropObjects } from './ddl-tables.js';
import { authorization, checkOption, noOrAlter, optionValue, parseExecuteAsOption, parseModuleOption } from './ddl-modules.js';
import type { DdlContext } from './statements.js';
import { opaque, registerDdl } from './statements.js';

type OnOff = 'ON' | 'OFF';

function onOff(p: Parser): OnOff {
  if (p.acceptWord('ON')) return 'ON';
  if (p.acceptWord('OFF')) return 'OFF';
  return p.fail();
}

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
  if (ctx.verb === 'CREATE' && p.acceptWord('ON')) node.on = p.isWord('DEFAULT') ? p.identFrom(p.next()) : p.identifier();
  node.end = p.prev.end;
  return node;
}

function queueOption(p: Parser, node: CreateQueue, alter: boolean): void {
  if (p.acceptWord('STATUS')) {
    p.expectPunct('=');
    node.status = onOff(p);
  } else if (p.acceptWord('RETENTION')) {
    p.expectPunct('=');
    node.retention = onOff(p);
  } else if (p.isWord('ACTIVATION')) node.activation = queueActivation(p, alter);
  else if (p.acceptWord('POISON_MESSAGE_HANDLING')) {
    p.expectPunct('(');
    p.expectWord('STATUS');
    p.expectPunct('=');
    node.poisonMessageHandling = onOff(p);
    p.expectPunct(')');
  } else p.fail();
}

/** `ACTIVATION ([STATUS = ON|OFF,] PROCEDURE_NAME = p, MAX_QUEUE_READERS = n, EXECUTE AS {SELF | 'u' | OWNER})`, or `(DROP)` in ALTER. */
function queueActivation(p: Parser, alter: boolean): QueueActivation {
  const start = p.next().start;
  const node: QueueActivation = { kind: 'QueueActivation', start, end: start };
  p.expectPunct('(');
  if (alter && p.acceptWord('DROP')) node.drop = true;
  else p.commaList((q) => activationOption(q, node));
  p.expectPunct(')');
  node.end = p.prev.end;
  return node;
}

function activationOption(p: Parser, node: QueueActivation): void {
  if (p.isWord('EXECUTE') && p.isWord('AS', 1)) {
    node.executeAs = parseExecuteAsOption(p);
    return;
  }
  if (!p.isWord('STATUS') && !p.isWord('PROCEDURE_NAME') && !p.isWord('MAX_QUEUE_READERS')) p.fail();
  const word = p.next().upper;
  p.expectPunct('=');
  if (word === 'STATUS') node.status = onOff(p);
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
  if (ctx.verb === 'CREATE' && !node.options.some((o) => o.name === 'ADDRESS')) p.fail(p.prev);
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
  if (ctx.verb === 'CREATE' && node.options[0]?.name !== 'USER') p.fail();
  node.end = p.prev.end;
  return node;
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
  }
  node.end = p.prev.end;
  return node;
}

/** `NAME = value` where a service or contract name may be a [bracketed URI], ANY or DEFAULT. */
function priorityOption(p: Parser): ModuleOption {
  const start = p.tok.start;
  if (!p.isAnyWord(PRIORITY_OPTIONS)) p.fail();
  const name = p.next().upper;
  p.expectPunct('=');
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

function eventName(p: Parser): string {
  if (p.tok.kind !== 'word' || !p.isIdentifier()) p.fail();
  return p.next().upper;
}

function dropEventNotification(p: Parser, ctx: DdlContext): Statement {
  const node = parseDropObjects(p, ctx, 'EVENT NOTIFICATION', true, false);
  p.expectWord('ON');
  const { queue } = notificationScope(p);
  if (queue !== undefined) node.on = queue;
  node.end = p.prev.end;
  return node;
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
