// Security statements: GRANT / DENY / REVOKE, users, roles (database, application, server), logins,
// certificates, keys and credentials. Grammar from the docs pages "GRANT (Transact-SQL)", "GRANT Object
// Permissions", "DENY", "REVOKE", "CREATE USER", "ALTER USER", "CREATE ROLE", "ALTER ROLE", "CREATE
// APPLICATION ROLE", "CREATE SERVER ROLE", "CREATE LOGIN", "ALTER LOGIN", "CREATE CERTIFICATE", "CREATE
// MASTER KEY", "CREATE SYMMETRIC KEY", "CREATE ASYMMETRIC KEY", "CREATE CREDENTIAL".
import type { ColumnRef, Ident, ObjectName, Statement } from './ast.js';
import type { DropObjects } from './ast-ddl-tables.js';
import type {
  AlterAuthorization,
  AuditSpecification,
  AuditSpecificationPart,
  AlterRole,
  CreateApplicationRole,
  CreateKey,
  CreateLogin,
  CreateRole,
  CreateSecurityPolicy,
  CreateUser,
  Deny,
  Grant,
  ModuleOption,
  Permission,
  Revoke,
  SecurableRef,
  SecurityPredicate,
  SensitivityClassification,
  Signature,
} from './ast-ddl-modules.js';
import type { Parser } from './core.js';
import { parseDropObjects } from './ddl-tables.js';
import { parseExpression } from './expressions.js';
import { authorization, checkOption, noOrAlter, parseModuleOption, principal } from './ddl-modules.js';
import type { DdlContext } from './statements.js';
import { opaque, registerDdl, registerStatement } from './statements.js';

// ==== GRANT / DENY / REVOKE ===========================================================================

/** The words a permission can start with (docs "Permissions (Database Engine)"); ALL is handled apart. */
const PERMISSION_FIRST = new Set([
  'ADMINISTER', 'ALTER', 'AUTHENTICATE', 'BACKUP', 'CHECKPOINT', 'CONNECT', 'CONTROL', 'CREATE', 'DELETE', 'ENABLE', 'EXECUTE',
  'EXEC', 'EXTERNAL', 'IMPERSONATE', 'INSERT', 'KILL', 'RECEIVE', 'REFERENCES', 'SELECT', 'SEND', 'SHOWPLAN', 'SHUTDOWN',
  'SUBSCRIBE', 'TAKE', 'UNMASK', 'UNSAFE', 'UPDATE', 'VIEW',
]);
/** Permissions that are one word only: a word after them is a syntax error (a missing comma or ON). */
const ONE_WORD_PERMISSIONS = new Set(['DELETE', 'INSERT', 'UPDATE', 'REFERENCES', 'RECEIVE', 'SEND', 'SHOWPLAN', 'SHUTDOWN', 'UNMASK', 'CHECKPOINT', 'EXEC']);
/** Words that end a permission's name. */
const PERMISSION_END = new Set(['ON', 'TO', 'FROM']);

type PermissionKind = 'Grant' | 'Deny' | 'Revoke';

/**
 * GRANT {ALL [PRIVILEGES] | permission [(columns)] [, …]} [ON [class ::] securable [(columns)]] TO principal [, …]
 *   [WITH GRANT OPTION] [AS principal]
 * DENY … TO principal [, …] [CASCADE] [AS principal]
 * REVOKE [GRANT OPTION FOR] … {TO | FROM} principal [, …] [CASCADE] [AS principal]
 */
/** A grantee: a principal, PUBLIC, or NULL (the SQL Server 2022 parser's principal rule takes the keyword NULL too). */
function grantee(p: Parser): Ident {
  if (p.isWord('NULL')) return p.identFrom(p.next());
  return principal(p);
}

function parsePermissionStatement(p: Parser, kind: PermissionKind): Statement {
  const start = p.next().start;
  let grantOptionFor = false;
  if (kind === 'Revoke' && p.isWord('GRANT')) {
    p.next();
    p.expectWord('OPTION');
    p.expectWord('FOR');
    grantOptionFor = true;
  }
  const permissions = p.commaList(parsePermission);
  let on: SecurableRef | undefined;
  if (p.acceptWord('ON')) {
    on = parseSecurable(p);
    // Columns are named once: after a permission (`SELECT (c1)`) or after the object (`ON t (c1)`), not both.
    const first = on.columns[0];
    if (first !== undefined && permissions.some((x) => x.columns.length > 0)) p.fail(p.tokenAt(first.start));
  }
  if (kind === 'Revoke' ? !p.acceptWord('TO') && !p.acceptWord('FROM') : !p.acceptWord('TO')) p.fail();
  const principals = p.commaList(grantee);
  let withGrantOption = false;
  let cascade = false;
  if (kind === 'Grant' && p.isWord('WITH')) {
    p.next();
    p.expectWord('GRANT');
    p.expectWord('OPTION');
    withGrantOption = true;
  }
  if (kind !== 'Grant') cascade = p.acceptWord('CASCADE');
  const as = p.acceptWord('AS') ? principal(p) : undefined;
  const node = { kind, permissions, principals, withGrantOption, grantOptionFor, cascade, start, end: p.prev.end };
  const full: Grant | Deny | Revoke = on === undefined ? node : { ...node, on };
  if (as !== undefined) full.as = as;
  return full;
}

function parsePermission(p: Parser): Permission {
  const start = p.tok.start;
  let name: string;
  if (p.acceptWord('ALL')) name = p.acceptWord('PRIVILEGES') ? 'ALL PRIVILEGES' : 'ALL';
  else {
    if (!p.isAnyWord(PERMISSION_FIRST)) p.fail();
    const first = p.next().upper;
    name = first;
    if (!ONE_WORD_PERMISSIONS.has(first) && continuesPermission(p, first)) {
      while (p.tok.kind === 'word' && !p.isAnyWord(PERMISSION_END)) name += ` ${p.next().upper}`;
    }
  }
  const columns = p.isPunct('(') ? p.parenList((q) => q.identifier()) : [];
  return p.finish<Permission>({ kind: 'Permission', name, columns }, start);
}

/** SELECT and EXECUTE name a permission alone, or begin SELECT ALL USER SECURABLES / EXECUTE ANY EXTERNAL SCRIPT. */
function continuesPermission(p: Parser, first: string): boolean {
  if (first === 'SELECT') return p.isWord('ALL');
  if (first === 'EXECUTE') return p.isWord('ANY') || p.isWord('EXTERNAL');
  return true;
}

/** The securable classes of GRANT / DENY / REVOKE and ALTER AUTHORIZATION (docs "GRANT (Transact-SQL)", "ALTER AUTHORIZATION"). */
const SECURABLE_CLASSES = new Set([
  'OBJECT', 'SCHEMA', 'TYPE', 'DATABASE', 'ASSEMBLY', 'CERTIFICATE', 'ROLE', 'APPLICATION ROLE', 'USER', 'LOGIN', 'SERVER ROLE',
  'SERVER', 'ENDPOINT', 'XML SCHEMA COLLECTION', 'CONTRACT', 'MESSAGE TYPE', 'SERVICE', 'ROUTE', 'REMOTE SERVICE BINDING',
  'FULLTEXT CATALOG', 'FULLTEXT STOPLIST', 'SEARCH PROPERTY LIST', 'SYMMETRIC KEY', 'ASYMMETRIC KEY', 'AVAILABILITY GROUP',
  'DATABASE SCOPED CREDENTIAL', 'EXTERNAL LANGUAGE', 'EXTERNAL LIBRARY', 'SENSITIVITY CLASSIFICATION',
]);

/** `[class ::] name [(columns)]`: the class is one to four words before `::` (OBJECT, XML SCHEMA COLLECTION …). */
function parseSecurable(p: Parser): SecurableRef {
  const start = p.tok.start;
  let classWords = 0;
  for (let k = 0; k < 5; k++) {
    if (p.isPunct('::', k)) {
      classWords = k;
      break;
    }
    if (p.peek(k).kind !== 'word') break;
  }
  let classType: string | undefined;
  if (classWords > 0) {
    const first = p.tok;
    const words: string[] = [];
    for (let k = 0; k < classWords; k++) words.push(p.next().upper);
    classType = words.join(' ');
    if (!SECURABLE_CLASSES.has(classType)) p.fail(first);
    p.expectPunct('::');
  }
  const name = p.objectName();
  const columns = p.isPunct('(') ? p.parenList((q) => q.identifier()) : [];
  const node: SecurableRef = { kind: 'SecurableRef', name, columns, start, end: p.prev.end };
  if (classType !== undefined) node.classType = classType;
  return node;
}

/** ALTER AUTHORIZATION ON [class ::] entity TO {principal | SCHEMA OWNER} (docs "ALTER AUTHORIZATION"). */
function parseAlterAuthorization(p: Parser, ctx: DdlContext): Statement {
  p.next();
  p.expectWord('ON');
  const on = parseSecurable(p);
  p.expectWord('TO');
  const node: AlterAuthorization = { kind: 'AlterAuthorization', on, schemaOwner: false, start: ctx.start, end: ctx.start };
  if (p.isWord('SCHEMA') && p.isWord('OWNER', 1)) {
    p.next();
    p.next();
    node.schemaOwner = true;
  } else node.principal = principal(p);
  node.end = p.prev.end;
  return node;
}

// ==== USER ============================================================================================

const USER_OPTIONS = new Set(['DEFAULT_SCHEMA', 'DEFAULT_LANGUAGE', 'SID', 'ALLOW_ENCRYPTED_VALUE_MODIFICATIONS', 'PASSWORD', 'OBJECT_ID', 'TYPE']);
const ALTER_USER_OPTIONS = new Set(['NAME', 'DEFAULT_SCHEMA', 'DEFAULT_LANGUAGE', 'LOGIN', 'PASSWORD', 'ALLOW_ENCRYPTED_VALUE_MODIFICATIONS']);

/**
 * CREATE USER u [{FOR | FROM} LOGIN l | WITHOUT LOGIN | {FOR | FROM} CERTIFICATE c | {FOR | FROM} ASYMMETRIC KEY k
 * | FROM EXTERNAL PROVIDER] [WITH option [, …]]; ALTER USER u WITH option [, …]; DROP USER [IF EXISTS] u.
 */
function parseUser(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'USER', false);
  noOrAlter(p, ctx);
  p.next();
  const node: CreateUser = { kind: 'CreateUser', verb: ctx.verb, orAlter: false, name: p.identifier(), withoutLogin: false, options: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') userSource(p, node);
  if (ctx.verb === 'ALTER' || p.isWord('WITH')) {
    p.expectWord('WITH');
    node.options = p.commaList((q) => passwordAwareOption(q, ctx.verb === 'CREATE' ? USER_OPTIONS : ALTER_USER_OPTIONS));
  }
  const schema = node.options.find((o) => o.name === 'DEFAULT_SCHEMA');
  if (schema?.ident !== undefined) node.defaultSchema = schema.ident;
  node.end = p.prev.end;
  return node;
}

function userSource(p: Parser, node: CreateUser): void {
  if (p.isWord('WITHOUT')) {
    p.next();
    p.expectWord('LOGIN');
    node.withoutLogin = true;
    return;
  }
  if (!p.isWord('FOR') && !p.isWord('FROM')) return;
  p.next();
  if (p.acceptWord('LOGIN')) node.login = p.identifier();
  else if (p.acceptWord('CERTIFICATE')) node.certificate = p.identifier();
  else if (p.acceptWords('ASYMMETRIC', 'KEY')) node.asymmetricKey = p.identifier();
  else if (p.isWord('EXTERNAL')) {
    p.next();
    p.expectWord('PROVIDER');
    node.externalProvider = true;
  } else p.fail();
}

const PASSWORD_FLAGS = new Set(['HASHED', 'MUST_CHANGE', 'UNLOCK']);

/** An option, where `PASSWORD = 'x'` may be followed by HASHED, MUST_CHANGE, UNLOCK or `OLD_PASSWORD = 'y'` (no comma). */
function passwordAwareOption(p: Parser, known: ReadonlySet<string>): ModuleOption {
  const option = checkOption(p, parseModuleOption(p, PASSWORD_FLAGS), known);
  if (option.name === 'PASSWORD' && p.isWord('OLD_PASSWORD')) {
    const old = parseModuleOption(p, PASSWORD_FLAGS);
    (option.flags ??= []).push(`OLD_PASSWORD = ${old.value ?? ''}`);
    option.end = old.end;
  }
  return option;
}

// ==== ROLE / APPLICATION ROLE / SERVER ROLE ===========================================================

/** CREATE ROLE r [AUTHORIZATION o]; ALTER ROLE r {ADD MEMBER m | DROP MEMBER m | WITH NAME = n}; DROP ROLE [IF EXISTS] r. */
function parseRole(p: Parser, ctx: DdlContext, server = false): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'ROLE', false);
  noOrAlter(p, ctx);
  p.next();
  const name = p.identifier();
  if (ctx.verb === 'CREATE') {
    const node: CreateRole = { kind: 'CreateRole', verb: 'CREATE', orAlter: false, name, start: ctx.start, end: ctx.start };
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
    if (server) node.server = true;
    node.end = p.prev.end;
    return node;
  }
  const node: AlterRole = { kind: 'AlterRole', verb: 'ALTER', orAlter: false, name, start: ctx.start, end: ctx.start };
  if (server) node.server = true;
  if (p.acceptWord('ADD')) {
    p.expectWord('MEMBER');
    node.add = principal(p);
  } else if (p.acceptWord('DROP')) {
    p.expectWord('MEMBER');
    node.drop = principal(p);
  } else {
    p.expectWord('WITH');
    p.expectWord('NAME');
    p.expectPunct('=');
    node.newName = p.identifier();
  }
  node.end = p.prev.end;
  return node;
}

const APPLICATION_ROLE_OPTIONS = new Set(['PASSWORD', 'DEFAULT_SCHEMA']);
const ALTER_APPLICATION_ROLE_OPTIONS = new Set(['NAME', 'PASSWORD', 'DEFAULT_SCHEMA', 'LOGIN']);

/** CREATE | ALTER APPLICATION ROLE r WITH option [, …]; DROP APPLICATION ROLE r. */
function parseApplicationRole(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'APPLICATION ROLE', false, false);
  noOrAlter(p, ctx);
  p.next();
  p.expectWord('ROLE');
  const name = p.identifier();
  p.expectWord('WITH');
  const known = ctx.verb === 'CREATE' ? APPLICATION_ROLE_OPTIONS : ALTER_APPLICATION_ROLE_OPTIONS;
  const options = p.commaList((q) => checkOption(q, parseModuleOption(q), known));
  if (ctx.verb === 'CREATE' && !options.some((o) => o.name === 'PASSWORD')) p.fail(p.prev);
  return p.finish<CreateApplicationRole>({ kind: 'CreateApplicationRole', verb: ctx.verb, orAlter: false, name, options }, ctx.start);
}

/** SERVER ROLE, SERVER AUDIT SPECIFICATION; the other SERVER objects (AUDIT, CONFIGURATION) are kept opaque. */
function parseServerObject(p: Parser, ctx: DdlContext): Statement {
  if (p.isWord('AUDIT', 1) && p.isWord('SPECIFICATION', 2)) {
    p.next();
    return parseAuditSpecification(p, ctx, 'SERVER');
  }
  if (!p.isWord('ROLE', 1)) return opaque(p, ctx.start, `${ctx.verb} SERVER ${p.peek().upper}`);
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'SERVER ROLE', false, false);
  p.next();
  return parseRole(p, ctx, true);
}

// ==== AUDIT SPECIFICATION ==============================================================================

/**
 * `{CREATE | ALTER | DROP} {SERVER | DATABASE} AUDIT SPECIFICATION name …` (docs "CREATE SERVER AUDIT
 * SPECIFICATION", "CREATE DATABASE AUDIT SPECIFICATION"), at AUDIT. CREATE needs FOR SERVER AUDIT and takes
 * only ADD parts; a server specification names action groups only.
 */
export function parseAuditSpecification(p: Parser, ctx: DdlContext, scope: 'SERVER' | 'DATABASE'): AuditSpecification | DropObjects {
  p.expectWord('AUDIT');
  p.expectWord('SPECIFICATION');
  const name = p.identifier();
  if (ctx.verb === 'DROP') {
    const names: ObjectName[] = [{ kind: 'ObjectName', name, start: name.start, end: name.end }];
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType: `${scope} AUDIT SPECIFICATION`, ifExists: false, names }, ctx.start);
  }
  const node: AuditSpecification = { kind: 'AuditSpecification', verb: ctx.verb, scope, name, parts: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE' || p.isWord('FOR')) {
    p.expectWord('FOR');
    p.expectWord('SERVER');
    p.expectWord('AUDIT');
    node.audit = p.identifier();
  }
  // ADD ( / DROP ( start a part; DROP elsewhere starts the next statement.
  if ((p.isWord('ADD') || (ctx.verb === 'ALTER' && p.isWord('DROP'))) && p.isPunct('(', 1)) {
    node.parts = p.commaList((q) => auditSpecificationPart(q, ctx.verb === 'ALTER', scope));
  }
  if (p.isWord('WITH') && p.isPunct('(', 1)) {
    p.next();
    p.next();
    p.expectWord('STATE');
    p.expectPunct('=');
    if (!p.isWord('ON') && !p.isWord('OFF')) p.fail();
    node.state = p.next().upper === 'ON' ? 'ON' : 'OFF';
    p.expectPunct(')');
  }
  node.end = p.prev.end;
  return node;
}

const AUDIT_ACTIONS = new Set(['SELECT', 'UPDATE', 'INSERT', 'DELETE', 'EXECUTE', 'RECEIVE', 'REFERENCES']);

/** `ADD ( group )`, or for a database `ADD ( action [, …] ON securable BY principal [, …] )`; DROP in ALTER. */
function auditSpecificationPart(p: Parser, dropAllowed: boolean, scope: 'SERVER' | 'DATABASE'): AuditSpecificationPart {
  const start = p.tok.start;
  const drop = dropAllowed && p.isWord('DROP');
  if (drop) p.next();
  else p.expectWord('ADD');
  p.expectPunct('(');
  const node: AuditSpecificationPart = { kind: 'AuditSpecificationPart', drop, start, end: start };
  if (scope === 'DATABASE' && p.isAnyWord(AUDIT_ACTIONS) && (p.isPunct(',', 1) || p.isWord('ON', 1))) {
    node.actions = p.commaList((q) => {
      if (!q.isAnyWord(AUDIT_ACTIONS)) q.fail();
      return q.next().upper;
    });
    p.expectWord('ON');
    node.on = parseSecurable(p);
    // An audited object is named without columns (the SQL Server 2022 parser's takes no column list).
    const column = node.on.columns[0];
    if (column !== undefined) p.fail(p.tokenAt(column.start));
    p.expectWord('BY');
    node.principals = p.commaList(grantee);
  } else node.group = p.identifier();
  p.expectPunct(')');
  node.end = p.prev.end;
  return node;
}

// ==== LOGIN ===========================================================================================

const LOGIN_OPTIONS = new Set(['PASSWORD', 'SID', 'DEFAULT_DATABASE', 'DEFAULT_LANGUAGE', 'CHECK_EXPIRATION', 'CHECK_POLICY', 'CREDENTIAL']);
const ALTER_LOGIN_OPTIONS = new Set(['PASSWORD', 'DEFAULT_DATABASE', 'DEFAULT_LANGUAGE', 'NAME', 'CHECK_POLICY', 'CHECK_EXPIRATION', 'CREDENTIAL']);
const WINDOWS_LOGIN_OPTIONS = new Set(['DEFAULT_DATABASE', 'DEFAULT_LANGUAGE']);

/**
 * CREATE LOGIN l {WITH PASSWORD = 'x' [HASHED] [MUST_CHANGE] [, option …] | FROM {WINDOWS [WITH …] | EXTERNAL
 * PROVIDER | CERTIFICATE c | ASYMMETRIC KEY k}}; ALTER LOGIN l {ENABLE | DISABLE | WITH option [, …] | {ADD |
 * DROP} CREDENTIAL c}; DROP LOGIN l.
 */
function parseLogin(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'LOGIN', false, false);
  noOrAlter(p, ctx);
  p.next();
  const node: CreateLogin = { kind: 'CreateLogin', verb: ctx.verb, orAlter: false, name: p.identifier(), options: [], start: ctx.start, end: ctx.start };
  if (ctx.verb === 'CREATE') createLoginSource(p, node);
  else alterLoginAction(p, node);
  node.end = p.prev.end;
  return node;
}

function createLoginSource(p: Parser, node: CreateLogin): void {
  if (p.acceptWord('WITH')) {
    node.options = p.commaList((q) => passwordAwareOption(q, LOGIN_OPTIONS));
    if (node.options[0]?.name !== 'PASSWORD') p.fail();
    return;
  }
  p.expectWord('FROM');
  if (p.acceptWord('WINDOWS')) {
    node.source = 'WINDOWS';
    if (p.acceptWord('WITH')) node.options = p.commaList((q) => checkOption(q, parseModuleOption(q), WINDOWS_LOGIN_OPTIONS));
  } else if (p.acceptWord('EXTERNAL')) {
    p.expectWord('PROVIDER');
    node.source = 'EXTERNAL PROVIDER';
    if (p.acceptWord('WITH')) node.options = p.commaList(externalLoginOption);
  } else if (p.acceptWord('CERTIFICATE')) {
    node.source = 'CERTIFICATE';
    node.sourceName = p.identifier();
  } else if (p.acceptWords('ASYMMETRIC', 'KEY')) {
    node.source = 'ASYMMETRIC KEY';
    node.sourceName = p.identifier();
  } else p.fail();
  // FROM CERTIFICATE / ASYMMETRIC KEY: `WITH CREDENTIAL = c` only.
  if (node.sourceName !== undefined && p.acceptWord('WITH')) node.options = [checkOption(p, parseModuleOption(p), CREDENTIAL_ONLY)];
}

const CREDENTIAL_ONLY: ReadonlySet<string> = new Set(['CREDENTIAL']);
const EXTERNAL_LOGIN_OPTIONS: ReadonlySet<string> = new Set(['SID', 'TYPE', 'OBJECT_ID', 'DEFAULT_DATABASE', 'DEFAULT_LANGUAGE']);

/** An option of a login FROM EXTERNAL PROVIDER: TYPE is a letter (E or X), not a string. */
function externalLoginOption(p: Parser): ModuleOption {
  const valueAt = p.peek(2);
  const option = checkOption(p, parseModuleOption(p), EXTERNAL_LOGIN_OPTIONS);
  if (option.name === 'TYPE' && valueAt.kind !== 'word' && valueAt.kind !== 'quoted') p.fail(valueAt);
  return option;
}

function alterLoginAction(p: Parser, node: CreateLogin): void {
  if (p.isWord('ENABLE') || p.isWord('DISABLE')) node.action = p.next().upper;
  else if (p.isWord('ADD') || p.isWord('DROP')) {
    node.action = `${p.next().upper} CREDENTIAL`;
    p.expectWord('CREDENTIAL');
    node.credential = p.identifier();
  } else {
    p.expectWord('WITH');
    node.options = p.commaList(alterLoginOption);
  }
}

function alterLoginOption(p: Parser): ModuleOption {
  if (p.isWord('NO') && p.isWord('CREDENTIAL', 1)) {
    const start = p.next().start;
    p.next();
    return { kind: 'ModuleOption', name: 'NO CREDENTIAL', start, end: p.prev.end };
  }
  return passwordAwareOption(p, ALTER_LOGIN_OPTIONS);
}

// ==== certificates, keys, credentials (thin: names and options) ========================================

function keyNode(ctx: DdlContext, objectType: string): CreateKey {
  return { kind: 'CreateKey', verb: ctx.verb === 'ALTER' ? 'ALTER' : 'CREATE', orAlter: false, objectType, options: [], start: ctx.start, end: ctx.start };
}

/** `name = value` options separated by commas. */
function optionList(p: Parser): ModuleOption[] {
  return p.commaList((q) => parseModuleOption(q));
}

/** `ENCRYPTION BY PASSWORD = 'x'`, `ENCRYPTION BY CERTIFICATE c`, `… SYMMETRIC KEY k`, `… ASYMMETRIC KEY k`, `… SERVICE MASTER KEY`. */
function encryptionMechanism(p: Parser, prefix: string): ModuleOption {
  const start = p.tok.start;
  const name = `${prefix} BY`;
  if (p.isWord('PASSWORD')) {
    p.next();
    p.expectPunct('=');
    if (p.tok.kind !== 'string') p.fail();
    return { kind: 'ModuleOption', name: `${name} PASSWORD`, value: p.next().text, start, end: p.prev.end };
  }
  let what: string;
  if (p.acceptWord('CERTIFICATE')) what = 'CERTIFICATE';
  else if (p.acceptWords('SYMMETRIC', 'KEY')) what = 'SYMMETRIC KEY';
  else if (p.acceptWords('ASYMMETRIC', 'KEY')) what = 'ASYMMETRIC KEY';
  else if (p.acceptWords('SERVICE', 'MASTER', 'KEY')) return { kind: 'ModuleOption', name: `${name} SERVICE MASTER KEY`, start, end: p.prev.end };
  else return p.fail();
  const key = p.identifier();
  return { kind: 'ModuleOption', name: `${name} ${what}`, value: p.text.slice(key.start, key.end), ident: key, start, end: p.prev.end };
}

/** `{ENCRYPTION | DECRYPTION} BY mechanism [, …]` after the parser consumed the first word. */
function encryptionList(p: Parser, prefix: string): ModuleOption[] {
  p.expectWord('BY');
  const out = [encryptionMechanism(p, prefix)];
  while (p.acceptPunct(',')) {
    // The docs list mechanisms after one ENCRYPTION BY; repeating it is accepted too.
    if (p.isWord('ENCRYPTION') && p.isWord('BY', 1)) {
      p.next();
      p.next();
    }
    out.push(encryptionMechanism(p, prefix));
  }
  return out;
}

/** CREATE MASTER KEY [ENCRYPTION BY PASSWORD = 'x']; ALTER MASTER KEY …; DROP MASTER KEY. */
function parseMasterKey(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  p.next();
  p.expectWord('KEY');
  if (ctx.verb === 'DROP') return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'MASTER KEY', ifExists: false, names: [] }, ctx.start);
  const node = keyNode(ctx, 'MASTER KEY');
  if (ctx.verb === 'CREATE') {
    if (p.acceptWord('ENCRYPTION')) node.options = encryptionList(p, 'ENCRYPTION');
  } else node.options = alterMasterKey(p);
  node.end = p.prev.end;
  return node;
}

// ---- Always Encrypted keys ------------------------------------------------------------------------------

/**
 * CREATE COLUMN MASTER KEY k WITH (KEY_STORE_PROVIDER_NAME = 'p', KEY_PATH = 'path' [, ENCLAVE_COMPUTATIONS
 * (SIGNATURE = 0x…)]); DROP COLUMN MASTER KEY k (docs "CREATE COLUMN MASTER KEY"). CREATE COLUMN ENCRYPTION KEY k
 * WITH VALUES (value) [, (value)]; ALTER COLUMN ENCRYPTION KEY k {ADD | DROP} VALUE (value); DROP COLUMN ENCRYPTION
 * KEY k (docs "CREATE / ALTER COLUMN ENCRYPTION KEY"), where a value is COLUMN_MASTER_KEY = cmk, ALGORITHM = 'a',
 * ENCRYPTED_VALUE = 0x…: all three, except in DROP VALUE, which names the column master key only.
 */
function parseColumnKey(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  p.next();
  // No ALTER COLUMN MASTER KEY: a column master key is created and dropped only.
  if (ctx.verb === 'ALTER' && p.isWord('MASTER')) p.fail();
  const master = p.acceptWord('MASTER');
  if (!master) p.expectWord('ENCRYPTION');
  p.expectWord('KEY');
  const objectType = master ? 'COLUMN MASTER KEY' : 'COLUMN ENCRYPTION KEY';
  const name = p.identifier();
  if (ctx.verb === 'DROP') {
    const names: ObjectName[] = [{ kind: 'ObjectName', name, start: name.start, end: name.end }];
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType, ifExists: false, names }, ctx.start);
  }
  const node = keyNode(ctx, objectType);
  node.name = name;
  if (master) node.options = columnMasterKeyOptions(p);
  else if (ctx.verb === 'CREATE') {
    p.expectWord('WITH');
    p.expectWord('VALUES');
    node.options = p.commaList((q) => columnKeyValue(q, 'ADD')).flat();
  } else {
    if (!p.isWord('ADD') && !p.isWord('DROP')) p.fail();
    const verb = p.next().upper as 'ADD' | 'DROP';
    p.expectWord('VALUE');
    node.options = columnKeyValue(p, verb);
  }
  node.end = p.prev.end;
  return node;
}

/** `WITH (KEY_STORE_PROVIDER_NAME = 'p', KEY_PATH = 'path' [, ENCLAVE_COMPUTATIONS (SIGNATURE = 0x…)])`, each once. */
function columnMasterKeyOptions(p: Parser): ModuleOption[] {
  p.expectWord('WITH');
  p.expectPunct('(');
  const out: ModuleOption[] = [];
  do {
    const t = p.tok;
    if (out.some((o) => o.name === t.upper)) p.fail();
    if (p.isWord('ENCLAVE_COMPUTATIONS')) {
      p.next();
      p.expectPunct('(');
      p.expectWord('SIGNATURE');
      p.expectPunct('=');
      if (p.tok.kind !== 'number' || !p.tok.text.toLowerCase().startsWith('0x')) p.fail();
      p.next();
      p.expectPunct(')');
      out.push({ kind: 'ModuleOption', name: 'ENCLAVE_COMPUTATIONS', start: t.start, end: p.prev.end });
      continue;
    }
    if (!p.isWord('KEY_STORE_PROVIDER_NAME') && !p.isWord('KEY_PATH')) p.fail();
    p.next();
    p.expectPunct('=');
    if (p.tok.kind !== 'string') p.fail();
    out.push({ kind: 'ModuleOption', name: t.upper, value: p.next().text, start: t.start, end: p.prev.end });
  } while (p.acceptPunct(','));
  if (!out.some((o) => o.name === 'KEY_STORE_PROVIDER_NAME') || !out.some((o) => o.name === 'KEY_PATH')) p.fail();
  p.expectPunct(')');
  return out;
}

/** `(COLUMN_MASTER_KEY = cmk, ALGORITHM = 'a', ENCRYPTED_VALUE = 0x…)` for ADD; `(COLUMN_MASTER_KEY = cmk)` for DROP. */
function columnKeyValue(p: Parser, verb: 'ADD' | 'DROP'): ModuleOption[] {
  p.expectPunct('(');
  const out: ModuleOption[] = [];
  do {
    const t = p.tok;
    const known = p.isWord('COLUMN_MASTER_KEY') || (verb === 'ADD' && (p.isWord('ALGORITHM') || p.isWord('ENCRYPTED_VALUE')));
    if (!known || out.some((o) => o.name === t.upper)) p.fail();
    p.next();
    p.expectPunct('=');
    const v = p.tok;
    if (t.upper === 'COLUMN_MASTER_KEY') p.identifier();
    else if (t.upper === 'ALGORITHM' ? v.kind !== 'string' : v.kind !== 'number' || !v.text.toLowerCase().startsWith('0x')) p.fail();
    else p.next();
    out.push({ kind: 'ModuleOption', name: t.upper, value: v.text, start: t.start, end: p.prev.end });
  } while (p.acceptPunct(','));
  if (out.length < (verb === 'ADD' ? 3 : 1)) p.fail();
  p.expectPunct(')');
  return out;
}

/** `[FORCE] REGENERATE WITH ENCRYPTION BY PASSWORD = 'x'` | `{ADD | DROP} ENCRYPTION BY {SERVICE MASTER KEY | PASSWORD = 'x'}`. */
function alterMasterKey(p: Parser): ModuleOption[] {
  const start = p.tok.start;
  const force = p.acceptWord('FORCE');
  if (force || p.isWord('REGENERATE')) {
    p.expectWord('REGENERATE');
    p.expectWord('WITH');
    p.expectWord('ENCRYPTION');
    return [{ kind: 'ModuleOption', name: force ? 'FORCE REGENERATE' : 'REGENERATE', start, end: p.prev.end }, ...encryptionList(p, 'ENCRYPTION')];
  }
  if (!p.isWord('ADD') && !p.isWord('DROP')) p.fail();
  const verb = p.next().upper;
  p.expectWord('ENCRYPTION');
  return encryptionList(p, `${verb} ENCRYPTION`);
}

/**
 * CREATE CERTIFICATE c [AUTHORIZATION o] {FROM ASSEMBLY a | FROM [EXECUTABLE] FILE = 'p' [WITH [FORMAT = 'PFX',]
 * PRIVATE KEY (…)] | FROM BINARY = 0x… [WITH PRIVATE KEY (…)] | [ENCRYPTION BY PASSWORD = 'x'] WITH SUBJECT = 's'
 * [, START_DATE = 'd', EXPIRY_DATE = 'd']} [ACTIVE FOR BEGIN_DIALOG = ON|OFF];
 * ALTER CERTIFICATE c {REMOVE PRIVATE KEY | WITH PRIVATE KEY (…) | WITH ACTIVE FOR BEGIN_DIALOG = ON|OFF}.
 */
function parseCertificate(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'CERTIFICATE', false, false);
  noOrAlter(p, ctx);
  p.next();
  const node = keyNode(ctx, 'CERTIFICATE');
  node.name = p.identifier();
  if (ctx.verb === 'ALTER') {
    const removeOrAttest = removeOrAttested(p);
    if (removeOrAttest !== undefined) node.options = [removeOrAttest];
    else {
      p.expectWord('WITH');
      node.options = p.isWord('PRIVATE') ? [privateKey(p)] : [parseModuleOption(p)];
    }
    node.end = p.prev.end;
    return node;
  }
  const owner = authorization(p);
  if (owner !== undefined) node.authorization = owner;
  if (p.acceptWord('FROM')) node.options = certificateSource(p);
  else {
    if (p.acceptWord('ENCRYPTION')) node.options.push(...encryptionList(p, 'ENCRYPTION'));
    p.expectWord('WITH');
    node.options.push(...optionList(p));
  }
  if (p.isWord('ACTIVE')) node.options.push(parseModuleOption(p));
  node.end = p.prev.end;
  return node;
}

/** `REMOVE PRIVATE KEY`, `REMOVE ATTESTED OPTION` or `ATTESTED BY 'path'` of ALTER CERTIFICATE / ASYMMETRIC KEY. */
function removeOrAttested(p: Parser): ModuleOption | undefined {
  const start = p.tok.start;
  if (p.acceptWord('REMOVE')) {
    const privateKeyRemoved = p.acceptWord('PRIVATE');
    p.expectWord(privateKeyRemoved ? 'KEY' : 'ATTESTED');
    if (!privateKeyRemoved) p.expectWord('OPTION');
    return { kind: 'ModuleOption', name: privateKeyRemoved ? 'REMOVE PRIVATE KEY' : 'REMOVE ATTESTED OPTION', start, end: p.prev.end };
  }
  if (!p.acceptWord('ATTESTED')) return undefined;
  p.expectWord('BY');
  if (p.tok.kind !== 'string') p.fail();
  return { kind: 'ModuleOption', name: 'ATTESTED BY', value: p.next().text, start, end: p.prev.end };
}

function certificateSource(p: Parser): ModuleOption[] {
  const start = p.tok.start;
  if (p.acceptWord('ASSEMBLY')) {
    const assembly = p.identifier();
    return [{ kind: 'ModuleOption', name: 'ASSEMBLY', value: assembly.value, ident: assembly, start, end: p.prev.end }];
  }
  if (!p.isWord('EXECUTABLE') && !p.isWord('FILE') && !p.isWord('BINARY')) p.fail();
  const options = [parseModuleOption(p)];
  if (p.acceptWord('WITH')) {
    if (p.isWord('FORMAT')) {
      options.push(parseModuleOption(p));
      p.expectPunct(',');
    }
    options.push(privateKey(p));
  }
  return options;
}

/** `PRIVATE KEY (FILE = 'p' | BINARY = 0x… | DECRYPTION BY PASSWORD = 'x' | ENCRYPTION BY PASSWORD = 'x' [, …])` */
function privateKey(p: Parser): ModuleOption {
  const start = p.tok.start;
  p.expectWord('PRIVATE');
  p.expectWord('KEY');
  p.expectPunct('(');
  const inner = optionList(p);
  p.expectPunct(')');
  return { kind: 'ModuleOption', name: 'PRIVATE KEY', value: inner.map((o) => `${o.name} = ${o.value ?? ''}`).join(', '), start, end: p.prev.end };
}

/**
 * CREATE SYMMETRIC KEY k [AUTHORIZATION o] [FROM PROVIDER p] [WITH option [, …]] [ENCRYPTION BY mechanism [, …]];
 * ALTER SYMMETRIC KEY k {ADD | DROP} ENCRYPTION BY mechanism [, …]; DROP SYMMETRIC KEY k [REMOVE PROVIDER KEY].
 * ASYMMETRIC KEY: … [FROM {FILE = 'p' | EXECUTABLE FILE = 'p' | ASSEMBLY a | PROVIDER p}] [WITH option [, …]]
 * [ENCRYPTION BY PASSWORD = 'x']; ALTER … {REMOVE PRIVATE KEY | WITH PRIVATE KEY (…)}.
 */
function parseKey(p: Parser, ctx: DdlContext, objectType: 'SYMMETRIC KEY' | 'ASYMMETRIC KEY'): Statement {
  noOrAlter(p, ctx);
  if (ctx.verb === 'DROP') {
    const drop = parseDropObjects(p, ctx, objectType, false, false);
    if (p.acceptWords('REMOVE', 'PROVIDER', 'KEY')) drop.end = p.prev.end;
    return drop;
  }
  p.next();
  p.expectWord('KEY');
  const node = keyNode(ctx, objectType);
  node.name = p.identifier();
  if (ctx.verb === 'ALTER') node.options = alterKey(p, objectType);
  else createKeyOptions(p, node, objectType);
  node.end = p.prev.end;
  return node;
}

function createKeyOptions(p: Parser, node: CreateKey, objectType: string): void {
  const owner = authorization(p);
  if (owner !== undefined) node.authorization = owner;
  if (p.acceptWord('FROM')) {
    const start = p.tok.start;
    if (p.acceptWord('PROVIDER') || (objectType === 'ASYMMETRIC KEY' && p.acceptWord('ASSEMBLY'))) {
      const what = p.prev.upper;
      const name = p.identifier();
      node.options.push({ kind: 'ModuleOption', name: what, value: name.value, ident: name, start, end: p.prev.end });
    } else if (objectType === 'ASYMMETRIC KEY' && (p.isWord('FILE') || p.isWord('EXECUTABLE'))) node.options.push(parseModuleOption(p));
    else p.fail();
  }
  if (p.acceptWord('WITH')) {
    const options = optionList(p);
    // Each key option once (KEY_SOURCE, ALGORITHM, IDENTITY_VALUE, PROVIDER_KEY_NAME, CREATION_DISPOSITION).
    options.forEach((o, i) => {
      if (options.findIndex((other) => other.name === o.name) < i) p.fail(p.tokenAt(o.start));
    });
    node.options.push(...options);
  }
  if (p.acceptWord('ENCRYPTION')) node.options.push(...encryptionList(p, 'ENCRYPTION'));
  if (node.options.length === 0) p.fail();
}

function alterKey(p: Parser, objectType: string): ModuleOption[] {
  if (objectType === 'ASYMMETRIC KEY') {
    const removeOrAttest = removeOrAttested(p);
    if (removeOrAttest !== undefined) return [removeOrAttest];
    p.expectWord('WITH');
    return [privateKey(p)];
  }
  if (!p.isWord('ADD') && !p.isWord('DROP')) p.fail();
  const verb = p.next().upper;
  p.expectWord('ENCRYPTION');
  return encryptionList(p, `${verb} ENCRYPTION`);
}

/** CREATE CREDENTIAL c WITH IDENTITY = 'i' [, SECRET = 's'] [FOR CRYPTOGRAPHIC PROVIDER p]; ALTER … WITH …; DROP CREDENTIAL c. */
function parseCredential(p: Parser, ctx: DdlContext): Statement {
  if (ctx.verb === 'DROP') return parseDropObjects(p, ctx, 'CREDENTIAL', false, false);
  noOrAlter(p, ctx);
  p.next();
  const node = credentialBody(p, ctx, 'CREDENTIAL');
  if (ctx.verb === 'CREATE' && p.isWord('FOR')) {
    const start = p.next().start;
    p.expectWord('CRYPTOGRAPHIC');
    p.expectWord('PROVIDER');
    const provider = p.identifier();
    node.options.push({ kind: 'ModuleOption', name: 'FOR CRYPTOGRAPHIC PROVIDER', value: provider.value, ident: provider, start, end: p.prev.end });
  }
  node.end = p.prev.end;
  return node;
}

/**
 * `name WITH IDENTITY = 'i' [, SECRET = 's']` (as the SQL Server 2022 parser does): IDENTITY comes first and both
 * values are strings.
 */
function credentialBody(p: Parser, ctx: DdlContext, objectType: string): CreateKey {
  const node = keyNode(ctx, objectType);
  node.name = p.identifier();
  p.expectWord('WITH');
  node.options = [credentialSecret(p, 'IDENTITY')];
  if (p.acceptPunct(',')) node.options.push(credentialSecret(p, 'SECRET'));
  node.end = p.prev.end;
  return node;
}

function credentialSecret(p: Parser, name: 'IDENTITY' | 'SECRET'): ModuleOption {
  const start = p.expectWord(name).start;
  p.expectPunct('=');
  if (p.tok.kind !== 'string') p.fail();
  return { kind: 'ModuleOption', name, value: p.next().text, start, end: p.prev.end };
}

/**
 * CREATE | ALTER DATABASE SCOPED CREDENTIAL c WITH IDENTITY = 'i' [, SECRET = 's']; DROP DATABASE SCOPED CREDENTIAL c
 * (docs "CREATE DATABASE SCOPED CREDENTIAL"). For ddl-tables.ts's DATABASE rule: call it with the parser on SCOPED.
 */
export function parseDatabaseScopedCredential(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  p.expectWord('SCOPED');
  p.expectWord('CREDENTIAL');
  if (ctx.verb === 'DROP') {
    const name = p.identifier();
    const names: ObjectName[] = [{ kind: 'ObjectName', name, start: name.start, end: name.end }];
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'DATABASE SCOPED CREDENTIAL', ifExists: false, names }, ctx.start);
  }
  return credentialBody(p, ctx, 'DATABASE SCOPED CREDENTIAL');
}

// ==== SECURITY POLICY ================================================================================

/**
 * CREATE SECURITY POLICY [schema.]p ADD [FILTER | BLOCK] PREDICATE f(args) ON t [{AFTER {INSERT | UPDATE} | BEFORE
 * {UPDATE | DELETE}}] [, …] [WITH (STATE = ON|OFF [, SCHEMABINDING = ON|OFF])] [NOT FOR REPLICATION];
 * ALTER SECURITY POLICY p {ADD | ALTER | DROP} … [, …] [WITH (STATE = ON|OFF)] [NOT FOR REPLICATION];
 * DROP SECURITY POLICY [IF EXISTS] p (docs "CREATE SECURITY POLICY", "ALTER SECURITY POLICY").
 */
function parseSecurityPolicy(p: Parser, ctx: DdlContext): Statement {
  if (!p.isWord('POLICY', 1)) return p.fail(p.peek());
  if (ctx.verb === 'DROP') {
    // DROP SECURITY POLICY [IF EXISTS] [schema.]name: no database or server part.
    const node = parseDropObjects(p, ctx, 'SECURITY POLICY', false);
    for (const n of node.names) if (n.database !== undefined || n.server !== undefined) p.fail(p.tokenAt(n.start));
    return node;
  }
  noOrAlter(p, ctx);
  p.next();
  p.next();
  const node: CreateSecurityPolicy = { kind: 'CreateSecurityPolicy', verb: ctx.verb, orAlter: false, name: twoPartName(p), predicates: [], options: [], notForReplication: false, start: ctx.start, end: ctx.start };
  if (ctx.verb === 'ALTER') alterSecurityPolicy(p, node);
  else {
    // Everything is optional in CREATE (as the SQL Server 2022 parser does): predicates, options, NOT FOR REPLICATION.
    if (p.isWord('ADD')) node.predicates = p.commaList((q) => securityPredicate(q, false));
    if (p.isWord('WITH')) node.options = policyOptions(p, CREATE_POLICY_OPTIONS);
    if (p.isWord('NOT')) node.notForReplication = notForReplication(p);
  }
  node.end = p.prev.end;
  return node;
}

/** ALTER SECURITY POLICY p {WITH (STATE = ON|OFF) | {ADD | ALTER | DROP} predicate [, …] | {ADD | DROP} NOT FOR REPLICATION}: one of them. */
function alterSecurityPolicy(p: Parser, node: CreateSecurityPolicy): void {
  if (p.isWord('WITH')) node.options = policyOptions(p, ALTER_POLICY_OPTIONS);
  else if ((p.isWord('ADD') || p.isWord('DROP')) && p.isWord('NOT', 1)) {
    const start = p.tok.start;
    const verb = p.next().upper;
    notForReplication(p);
    node.notForReplication = verb === 'ADD';
    node.options = [{ kind: 'ModuleOption', name: `${verb} NOT FOR REPLICATION`, start, end: p.prev.end }];
  } else node.predicates = p.commaList((q) => securityPredicate(q, true));
}

function notForReplication(p: Parser): true {
  p.expectWord('NOT');
  p.expectWord('FOR');
  p.expectWord('REPLICATION');
  return true;
}

/** A schema-scoped name of at most two parts (a security policy, its table): a database prefix fails. */
function twoPartName(p: Parser): ObjectName {
  const name = p.objectName();
  if (name.database !== undefined || name.server !== undefined) p.fail(p.tokenAt(name.name.start));
  return name;
}

const CREATE_POLICY_OPTIONS: ReadonlySet<string> = new Set(['STATE', 'SCHEMABINDING']);
const ALTER_POLICY_OPTIONS: ReadonlySet<string> = new Set(['STATE']);

/** `WITH (STATE = ON|OFF [, SCHEMABINDING = ON|OFF])`, each option once. */
function policyOptions(p: Parser, known: ReadonlySet<string>): ModuleOption[] {
  p.expectWord('WITH');
  p.expectPunct('(');
  const options: ModuleOption[] = [];
  do {
    const first = p.tok;
    const option = checkOption(p, parseModuleOption(p), known);
    if (option.value !== 'ON' && option.value !== 'OFF') p.fail(p.prev);
    if (options.some((o) => o.name === option.name)) p.fail(first);
    options.push(option);
  } while (p.acceptPunct(','));
  p.expectPunct(')');
  return options;
}

function securityPredicate(p: Parser, alter: boolean): SecurityPredicate {
  const start = p.tok.start;
  let action: SecurityPredicate['action'] = 'ADD';
  if (alter && (p.isWord('ALTER') || p.isWord('DROP'))) action = p.next().upper === 'ALTER' ? 'ALTER' : 'DROP';
  else p.expectWord('ADD');
  const node: SecurityPredicate = { kind: 'SecurityPredicate', action, arguments: [], table: { kind: 'ObjectName', name: { kind: 'Ident', value: '', quoted: false, start, end: start }, start, end: start }, start, end: start };
  if (p.isWord('FILTER') || p.isWord('BLOCK')) node.predicateType = p.next().upper === 'FILTER' ? 'FILTER' : 'BLOCK';
  p.expectWord('PREDICATE');
  if (action !== 'DROP') {
    node.function = p.objectName();
    node.arguments = p.parenList(parseExpression);
  }
  p.expectWord('ON');
  node.table = twoPartName(p);
  if (node.predicateType === 'BLOCK') blockOperation(p, node);
  node.end = p.prev.end;
  return node;
}

/** AFTER {INSERT | UPDATE} | BEFORE {UPDATE | DELETE} */
function blockOperation(p: Parser, node: SecurityPredicate): void {
  if (p.acceptWord('AFTER')) {
    if (!p.isWord('INSERT') && !p.isWord('UPDATE')) p.fail();
    node.operation = `AFTER ${p.next().upper}`;
  } else if (p.acceptWord('BEFORE')) {
    if (!p.isWord('UPDATE') && !p.isWord('DELETE')) p.fail();
    node.operation = `BEFORE ${p.next().upper}`;
  }
}

// ==== ADD / DROP SIGNATURE ============================================================================

/**
 * ADD [COUNTER] SIGNATURE TO [class ::] module BY {CERTIFICATE c | ASYMMETRIC KEY k} [WITH {PASSWORD = 'p' |
 * SIGNATURE = 0x…}] [, …]; DROP [COUNTER] SIGNATURE FROM [class ::] module BY … (docs "ADD SIGNATURE").
 */
function parseSignature(p: Parser, start: number, drop: boolean): Signature {
  const counter = p.acceptWord('COUNTER');
  p.expectWord('SIGNATURE');
  p.expectWord(drop ? 'FROM' : 'TO');
  let classType: string | undefined;
  if (p.isPunct('::', 1)) {
    classType = p.next().upper;
    p.next();
  }
  const module = p.objectName();
  p.expectWord('BY');
  const by = p.commaList(signatureKey);
  const node: Signature = { kind: 'Signature', drop, counter, module, by, start, end: p.prev.end };
  if (classType !== undefined) node.classType = classType;
  return node;
}

// ---- ADD / DROP SENSITIVITY CLASSIFICATION ------------------------------------------------------

/** Docs: "ADD SENSITIVITY CLASSIFICATION (Transact-SQL)", "DROP SENSITIVITY CLASSIFICATION". */
function parseSensitivityClassification(p: Parser, start: number, drop: boolean): SensitivityClassification {
  p.expectWord('SENSITIVITY');
  p.expectWord('CLASSIFICATION');
  p.expectWord(drop ? 'FROM' : 'TO');
  const columns = p.commaList(classifiedColumn);
  const options: ModuleOption[] = [];
  if (!drop) {
    p.expectWord('WITH');
    p.expectPunct('(');
    const seen = new Set<string>();
    do {
      const option = classificationOption(p);
      if (seen.has(option.name)) p.fail(p.tokenAt(option.start));
      seen.add(option.name);
      options.push(option);
    } while (p.acceptPunct(','));
    p.expectPunct(')');
  }
  return p.finish<SensitivityClassification>({ kind: 'SensitivityClassification', drop, columns, options }, start);
}

/** `table.column` with up to two more qualifiers: the table must be named. */
function classifiedColumn(p: Parser): ColumnRef {
  const start = p.tok.start;
  const parts: Ident[] = [p.identifier()];
  while (parts.length < 4 && p.acceptPunct('.')) parts.push(p.identifier());
  if (parts.length < 2) p.fail();
  return { kind: 'ColumnRef', parts, start, end: p.prev.end };
}

const CLASSIFICATION_STRING_OPTIONS = new Set(['LABEL', 'LABEL_ID', 'INFORMATION_TYPE', 'INFORMATION_TYPE_ID']);
const CLASSIFICATION_RANKS = new Set(['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/** LABEL / LABEL_ID / INFORMATION_TYPE / INFORMATION_TYPE_ID = 'non-empty string', RANK = NONE … CRITICAL. */
function classificationOption(p: Parser): ModuleOption {
  const start = p.tok.start;
  const name = p.tok;
  if (name.kind !== 'word' || (!CLASSIFICATION_STRING_OPTIONS.has(name.upper) && name.upper !== 'RANK')) return p.fail();
  p.next();
  p.expectPunct('=');
  const v = p.tok;
  if (name.upper === 'RANK' ? v.kind !== 'word' || !CLASSIFICATION_RANKS.has(v.upper) : v.kind !== 'string' || v.value === '') return p.fail();
  p.next();
  return { kind: 'ModuleOption', name: name.upper, value: v.kind === 'word' ? v.upper : v.text, start, end: v.end };
}

function signatureKey(p: Parser): ModuleOption {
  const start = p.tok.start;
  let name: string;
  // `PASSWORD = 'p'` is a mechanism of its own (as the SQL Server 2022 parser does).
  if (p.isWord('PASSWORD')) return checkOption(p, parseModuleOption(p), PASSWORD_ONLY);
  if (p.acceptWord('CERTIFICATE')) name = 'CERTIFICATE';
  else if (p.acceptWords('ASYMMETRIC', 'KEY')) name = 'ASYMMETRIC KEY';
  else return p.fail();
  const key = p.identifier();
  const node: ModuleOption = { kind: 'ModuleOption', name, value: key.value, ident: key, start, end: start };
  if (p.acceptWord('WITH')) {
    if (!p.isWord('PASSWORD') && !p.isWord('SIGNATURE')) p.fail();
    const option = parseModuleOption(p);
    node.flags = [`${option.name} = ${option.value ?? ''}`];
  }
  node.end = p.prev.end;
  return node;
}

const PASSWORD_ONLY: ReadonlySet<string> = new Set(['PASSWORD']);

// ==== registration ====================================================================================

const ALL_VERBS = ['CREATE', 'ALTER', 'DROP'] as const;

registerStatement('GRANT', (p) => parsePermissionStatement(p, 'Grant'));
registerStatement('DENY', (p) => parsePermissionStatement(p, 'Deny'));
registerStatement('REVOKE', (p) => parsePermissionStatement(p, 'Revoke'));
registerDdl(ALL_VERBS, 'USER', parseUser);
registerDdl(ALL_VERBS, 'ROLE', (p, ctx) => parseRole(p, ctx));
registerDdl(ALL_VERBS, 'APPLICATION', parseApplicationRole);
registerDdl(ALL_VERBS, 'SERVER', parseServerObject);
registerDdl(ALL_VERBS, 'LOGIN', parseLogin);
registerDdl(ALL_VERBS, 'CERTIFICATE', parseCertificate);
registerDdl(ALL_VERBS, 'MASTER', parseMasterKey);
registerDdl(ALL_VERBS, 'COLUMN', parseColumnKey);
registerDdl(ALL_VERBS, 'SYMMETRIC', (p, ctx) => parseKey(p, ctx, 'SYMMETRIC KEY'));
registerDdl(ALL_VERBS, 'ASYMMETRIC', (p, ctx) => parseKey(p, ctx, 'ASYMMETRIC KEY'));
registerDdl(ALL_VERBS, 'CREDENTIAL', parseCredential);
registerDdl(ALL_VERBS, 'SECURITY', parseSecurityPolicy);
registerDdl(['ALTER'], 'AUTHORIZATION', parseAlterAuthorization);
registerStatement('ADD', (p) => {
  const start = p.next().start;
  return p.isWord('SENSITIVITY') ? parseSensitivityClassification(p, start, false) : parseSignature(p, start, false);
});
registerDdl(['DROP'], 'SENSITIVITY', (p, ctx) => parseSensitivityClassification(p, ctx.start, true));
registerDdl(['DROP'], 'SIGNATURE', (p, ctx) => parseSignature(p, ctx.start, true));
registerDdl(['DROP'], 'COUNTER', (p, ctx) => parseSignature(p, ctx.start, true));
