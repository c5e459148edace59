// CREATE / ALTER / DROP ENDPOINT (docs "CREATE ENDPOINT", "ALTER ENDPOINT", "DROP ENDPOINT"): a TCP
// endpoint for Transact-SQL, Service Broker or database mirroring. HTTP endpoints and SOAP payloads were
// removed in SQL Server 2012 and are no longer documented: such a statement is kept opaque.
import type { Statement } from './ast.js';
import type { DropObjects } from './ast-ddl-tables.js';
import type { ModuleOption, ServerObjectStatement } from './ast-ddl-modules.js';
import type { Token } from '../lexer.js';
import type { Parser } from './core.js';
import { authorization, noOrAlter } from './ddl-modules.js';
import type { DdlContext } from './statements.js';
import { opaque, registerDdl } from './statements.js';

/** The documented range of LISTENER_PORT ("any number between 1024 and 32767 is valid"). */
const MIN_PORT = 1024;
const MAX_PORT = 32767;

const STATES: ReadonlySet<string> = new Set(['STARTED', 'STOPPED', 'DISABLED']);
const WINDOWS_PROTOCOLS: ReadonlySet<string> = new Set(['NTLM', 'KERBEROS', 'NEGOTIATE']);
const ALGORITHMS: ReadonlySet<string> = new Set(['AES', 'RC4']);
const MIRRORING_ROLES: ReadonlySet<string> = new Set(['WITNESS', 'PARTNER', 'ALL']);

/**
 * `CREATE ENDPOINT e [AUTHORIZATION login] [STATE = STARTED | STOPPED | DISABLED] AS TCP (…) FOR {TSQL |
 * SERVICE_BROKER | DATABASE_MIRRORING} (…)`; ALTER ENDPOINT gives any part; `DROP ENDPOINT e`.
 */
function parseEndpoint(p: Parser, ctx: DdlContext): Statement {
  noOrAlter(p, ctx);
  p.next();
  const name = p.identifier();
  if (ctx.verb === 'DROP') {
    const names = [{ kind: 'ObjectName' as const, name, start: name.start, end: name.end }];
    return p.finish<DropObjects>({ kind: 'DropObjects', objectType: 'ENDPOINT', ifExists: false, names }, ctx.start);
  }
  const create = ctx.verb === 'CREATE';
  const node: ServerObjectStatement = { kind: 'ServerObject', verb: ctx.verb, objectType: 'ENDPOINT', name: { kind: 'ObjectName', name, start: name.start, end: name.end }, options: [], start: ctx.start, end: ctx.start };
  if (create) {
    const owner = authorization(p);
    if (owner !== undefined) node.authorization = owner;
  }
  endpointHeader(p, node);
  if (isRemovedPayload(p)) return opaque(p, ctx.start, `${ctx.verb} ENDPOINT`);
  if (p.acceptWord('AS')) {
    p.expectWord('TCP');
    tcpArguments(p, node);
  } else if (create) p.fail();
  if (isRemovedPayload(p)) return opaque(p, ctx.start, `${ctx.verb} ENDPOINT`);
  if (p.acceptWord('FOR')) languageArguments(p, node, create);
  else if (create) p.fail();
  node.end = p.prev.end;
  return node;
}

/** `AS HTTP (…)` or `FOR SOAP (…)`: the endpoint kinds SQL Server 2012 removed. */
function isRemovedPayload(p: Parser): boolean {
  return (p.isWord('AS') && p.isWord('HTTP', 1)) || (p.isWord('FOR') && p.isWord('SOAP', 1));
}

/** `STATE = …` and the legacy `AFFINITY = NONE | ADMIN | n`, each once, commas between them optional. */
function endpointHeader(p: Parser, node: ServerObjectStatement): void {
  for (;;) {
    if (node.options.length > 0 && p.isPunct(',') && (p.isWord('STATE', 1) || p.isWord('AFFINITY', 1))) p.next();
    if (p.isWord('STATE')) {
      once(p, node, 'STATE');
      const v = p.tok;
      if (!p.isAnyWord(STATES)) p.fail();
      push(node, 'STATE', p.next().upper, v);
    } else if (p.isWord('AFFINITY')) {
      once(p, node, 'AFFINITY');
      const v = p.tok;
      if (!p.isWord('NONE') && !p.isWord('ADMIN') && v.kind !== 'number') p.fail();
      push(node, 'AFFINITY', v.kind === 'number' ? p.next().text : p.next().upper, v);
    } else return;
  }
}

/** `(LISTENER_PORT = n [,] LISTENER_IP = ALL | (ipv4) | ('ipv6'))`, each once, in either order. */
function tcpArguments(p: Parser, node: ServerObjectStatement): void {
  p.expectPunct('(');
  while (!p.isPunct(')')) {
    if (p.isWord('LISTENER_PORT')) {
      once(p, node, 'LISTENER_PORT');
      const v = p.tok;
      if (v.kind !== 'number' || !isPort(v.text)) p.fail();
      push(node, 'LISTENER_PORT', p.next().text, v);
    } else if (p.isWord('LISTENER_IP')) {
      once(p, node, 'LISTENER_IP');
      const v = p.tok;
      if (p.acceptWord('ALL')) push(node, 'LISTENER_IP', 'ALL', v);
      else {
        listenerAddress(p);
        push(node, 'LISTENER_IP', p.text.slice(v.start, p.prev.end), v);
      }
    } else p.fail();
    if (!p.acceptPunct(',') && !p.isPunct(')') && !p.isWord('LISTENER_PORT') && !p.isWord('LISTENER_IP')) p.fail();
  }
  p.next();
}

/** A whole number from 1024 to 32767 (docs "CREATE ENDPOINT", LISTENER_PORT). */
function isPort(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const n = Number(text);
  return n >= MIN_PORT && n <= MAX_PORT;
}

/** `('ipv6')` or `(a.b.c.d)`, the latter optionally with a second address after `:` (as the 2022 parser takes it). */
function listenerAddress(p: Parser): void {
  p.expectPunct('(');
  if (p.tok.kind === 'string' || p.tok.kind === 'quoted') p.next();
  else {
    ipv4(p);
    if (p.acceptPunct(':')) ipv4(p);
  }
  p.expectPunct(')');
}

/**
 * A four-part IPv4 address: four runs of digits joined by three dots. The lexer splits it into numbers
 * and dots (`1.2` `.3` `.4`); space may stand between them, but two runs of digits with no dot between
 * them (`(1.2 3.4 5.6)`), an exponent (`1.2e1`) or a fifth part is a syntax error at that token.
 */
function ipv4(p: Parser): void {
  let dots = 0;
  let inDigits = false;
  while (p.tok.kind === 'number' || p.isPunct('.')) {
    const t = p.tok;
    for (let i = 0; i < t.text.length; i++) {
      const c = t.text.charCodeAt(i);
      if (c === 46) {
        if (!inDigits || ++dots > 3) p.fail();
        inDigits = false;
      } else if (c >= 48 && c <= 57) {
        if (i === 0 && inDigits) p.fail();
        inDigits = true;
      } else p.fail();
    }
    p.next();
  }
  if (dots !== 3 || !inDigits) p.fail();
}

/**
 * `FOR TSQL ()`, `FOR SERVICE_BROKER (…)` or `FOR DATABASE_MIRRORING (…)` (DATA_MIRRORING is taken for the
 * latter, as the 2022 parser does). CREATE ENDPOINT … FOR DATABASE_MIRRORING names the ROLE (docs: ROLE is
 * not optional there).
 */
function languageArguments(p: Parser, node: ServerObjectStatement, create: boolean): void {
  const what = p.tok;
  if (p.acceptWord('TSQL')) {
    p.expectPunct('(');
    p.expectPunct(')');
    push(node, 'FOR', 'TSQL', what);
    return;
  }
  const broker = p.isWord('SERVICE_BROKER');
  if (!broker && !p.isWord('DATABASE_MIRRORING') && !p.isWord('DATA_MIRRORING')) p.fail();
  push(node, 'FOR', broker ? 'SERVICE_BROKER' : 'DATABASE_MIRRORING', p.next());
  p.expectPunct('(');
  while (!p.isPunct(')')) {
    endpointOption(p, node, broker);
    p.acceptPunct(',');
  }
  if (create && !broker && !node.options.some((o) => o.name === 'ROLE')) p.fail();
  p.next();
}

/** AUTHENTICATION, ENCRYPTION, and MESSAGE_FORWARDING / MESSAGE_FORWARD_SIZE (Service Broker) or ROLE (mirroring). */
function endpointOption(p: Parser, node: ServerObjectStatement, broker: boolean): void {
  const t = p.tok;
  if (t.kind !== 'word') p.fail();
  const name = t.upper;
  const known = name === 'AUTHENTICATION' || name === 'ENCRYPTION' || (broker ? name === 'MESSAGE_FORWARDING' || name === 'MESSAGE_FORWARD_SIZE' : name === 'ROLE');
  if (!known) p.fail();
  once(p, node, name);
  const v = p.tok;
  if (name === 'AUTHENTICATION') authentication(p);
  else if (name === 'ENCRYPTION') encryption(p);
  else if (name === 'MESSAGE_FORWARDING') {
    if (!p.acceptWord('ENABLED') && !p.acceptWord('DISABLED')) p.fail();
  } else if (name === 'MESSAGE_FORWARD_SIZE') {
    if (p.tok.kind !== 'number') p.fail();
    p.next();
  } else if (!p.isAnyWord(MIRRORING_ROLES)) p.fail();
  else p.next();
  push(node, name, p.text.slice(v.start, p.prev.end), v);
}

/** `WINDOWS [NTLM | KERBEROS | NEGOTIATE] [CERTIFICATE c]` or `CERTIFICATE c [WINDOWS [NTLM | KERBEROS | NEGOTIATE]]`. */
function authentication(p: Parser): void {
  if (p.acceptWord('WINDOWS')) {
    if (p.isAnyWord(WINDOWS_PROTOCOLS)) p.next();
    if (p.acceptWord('CERTIFICATE')) p.identifier();
    return;
  }
  p.expectWord('CERTIFICATE');
  p.identifier();
  if (p.acceptWord('WINDOWS') && p.isAnyWord(WINDOWS_PROTOCOLS)) p.next();
}

/** `DISABLED | {SUPPORTED | REQUIRED} [ALGORITHM {AES | RC4 | AES RC4 | RC4 AES}]` */
function encryption(p: Parser): void {
  if (p.acceptWord('DISABLED')) return;
  if (!p.acceptWord('SUPPORTED') && !p.acceptWord('REQUIRED')) p.fail();
  if (!p.acceptWord('ALGORITHM')) return;
  if (!p.isAnyWord(ALGORITHMS)) p.fail();
  const first = p.next().upper;
  if (p.isAnyWord(ALGORITHMS) && p.tok.upper !== first) p.next();
}

/** Each option once: the second is a syntax error at its name. */
function once(p: Parser, node: ServerObjectStatement, name: string): void {
  if (node.options.some((o) => o.name === name)) p.fail();
  p.next();
  p.expectPunct('=');
}

function push(node: ServerObjectStatement, name: string, value: string, at: Token): void {
  const option: ModuleOption = { kind: 'ModuleOption', name, value, start: at.start, end: at.end };
  node.options.push(option);
}

registerDdl(['CREATE', 'ALTER', 'DROP'], 'ENDPOINT', parseEndpoint);
