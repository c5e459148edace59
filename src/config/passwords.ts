// Password policies as the servers enforce them, and generation of passwords that satisfy them.
import { randomInt } from 'node:crypto';

/** SQL Server: 8–128 characters, from three of four classes, not containing the login name. */
export function sqlPasswordProblem(password: string, login = 'sa'): string | undefined {
  if (password.length < 8) return 'is shorter than 8 characters';
  if (password.length > 128) return 'is longer than 128 characters';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'uses fewer than three of: upper case, lower case, digits, symbols';
  if (password.toLowerCase().includes(login.toLowerCase())) return `contains the login name "${login}"`;
  return undefined;
}

/** Neo4j 5: at least 8 characters, no "/" (NEO4J_AUTH is user/password), not "neo4j". */
export function neo4jPasswordProblem(password: string): string | undefined {
  if (password.length < 8) return 'is shorter than 8 characters';
  if (password.includes('/')) return 'contains "/" (NEO4J_AUTH separates user and password with it)';
  if (password === 'neo4j') return 'is the default "neo4j", which Neo4j refuses';
  return undefined;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
// Symbols that need no quoting in a connection string, a URL, a shell or a .env file.
const SYMBOLS = '-_.+';

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/** 24 random characters with every class present: valid for both policies (and contains no "sa"). */
export function generatePassword(length = 24): string {
  for (;;) {
    const all = UPPER + LOWER + DIGITS + SYMBOLS;
    const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      const a = chars[i];
      const b = chars[j];
      if (a !== undefined && b !== undefined) {
        chars[i] = b;
        chars[j] = a;
      }
    }
    const password = chars.join('');
    if (sqlPasswordProblem(password) === undefined && neo4jPasswordProblem(password) === undefined) return password;
  }
}
