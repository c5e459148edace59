import { describe, expect, it } from 'vitest';
import { displayWidth, FALLBACK_COLUMNS, terminalColumns, wrapBlock, wrapLine, wrapSpans } from './wrap.js';

const EULA = 'https://go.microsoft.com/fwlink/?linkid=857698';

describe('wrapLine', () => {
  it('leaves a line that fits as it is, spaces included', () => {
    expect(wrapLine('✔ Docker    Docker 27.3.1 answers', { width: 80, hang: 12 })).toEqual(['✔ Docker    Docker 27.3.1 answers']);
  });

  it('breaks at spaces and starts continuation lines at the hanging indent', () => {
    const text = '✔ Docker          Docker 20.10.24+dfsg1 answers at unix:///var/run/docker.sock (default socket)';
    expect(wrapLine(text, { width: 60, hang: 18 })).toEqual([
      '✔ Docker          Docker 20.10.24+dfsg1 answers at',
      '                  unix:///var/run/docker.sock (default',
      '                  socket)',
    ]);
    for (const line of wrapLine(text.replace('unix:///var/run/docker.sock', 'the default socket'), { width: 60, hang: 18 })) {
      expect(displayWidth(line)).toBeLessThanOrEqual(60);
    }
  });

  it('puts a URL whole on its own line when the line wraps', () => {
    const hint = `→ Read the EULA at ${EULA} and set HART_ACCEPT_EULA=Y (environment, .env or --accept-eula) to accept it.`;
    expect(wrapLine(hint, { width: 60, hang: 2 })).toEqual([
      '→ Read the EULA at',
      `  ${EULA}`,
      '  and set HART_ACCEPT_EULA=Y (environment, .env or',
      '  --accept-eula) to accept it.',
    ]);
    expect(wrapLine(`See ${EULA}.`, { width: 120 })).toEqual([`See ${EULA}.`]);
  });

  it('keeps a quoted or backticked command whole, moving it to the next line', () => {
    const hint = "Run 'hart-dev down --volumes --yes' to remove the data, then `hart-dev up` again.";
    expect(wrapLine(hint, { width: 40, hang: 2 })).toEqual(["Run 'hart-dev down --volumes --yes' to", '  remove the data, then `hart-dev up`', '  again.']);
    expect(wrapLine("It can't be reached, isn't it?", { width: 14 })).toEqual(["It can't be", "reached, isn't", 'it?']);
  });

  it('keeps an unbreakable piece wider than the terminal whole, from the first column', () => {
    const command = "'docker pull --platform linux/amd64 mcr.microsoft.com/mssql/server:2022-latest'";
    expect(wrapLine(`Run ${command} first.`, { width: 60, hang: 4 })).toEqual(['Run', command, '    first.']);
  });

  it('never cuts a word: one wider than the room left gets its own line, as far right as it fits', () => {
    const path = 'sql/programmability/procedures/provenance.sp_MarkProvenanceSynced.sql';
    expect(wrapLine(`  ${path}  anytime`, { width: 60, hang: 4 })).toEqual([path, '    anytime']);
    expect(wrapLine(`x ${'a'.repeat(9)} y`, { width: 10, hang: 2 })).toEqual(['x', ' aaaaaaaaa', '  y']);
  });

  it('shrinks a hanging indent that would leave less than 20 columns for the text', () => {
    expect(wrapLine(`${'label'.padEnd(45)}one two three four five six seven eight`, { width: 60, hang: 45 })).toEqual([
      'label                                        one two three',
      '    four five six seven eight',
    ]);
  });

  it('measures wide characters as two columns', () => {
    expect(displayWidth('数据库')).toBe(6);
    expect(displayWidth('✔ ⠋ █░')).toBe(6);
    expect(wrapLine('数据库 数据库', { width: 8 })).toEqual(['数据库', '数据库']);
  });
});

describe('wrapSpans', () => {
  it('keeps each piece with its style across lines', () => {
    const lines = wrapSpans(
      [
        { text: '✔', style: 'green' },
        { text: ' Migration' },
        { text: ' 1.5s', style: 'dim' },
        { text: ' 12 migrations applied from sql/migrations', style: 'dim' },
      ],
      { width: 30, hang: 2 },
    );
    expect(lines).toEqual([
      [{ text: '✔', style: 'green' }, { text: ' ' }, { text: 'Migration' }, { text: ' ' }, { text: '1.5s', style: 'dim' }, { text: ' ' }, { text: '12', style: 'dim' }, { text: ' ' }, { text: 'migrations', style: 'dim' }],
      [{ text: '  ' }, { text: 'applied', style: 'dim' }, { text: ' ' }, { text: 'from', style: 'dim' }, { text: ' ' }, { text: 'sql/migrations', style: 'dim' }],
    ]);
  });

  it('never breaks a span marked whole', () => {
    const value = 'Server=127.0.0.1,1433;Database=Hartonomous;User Id=sa;Password=********';
    const lines = wrapSpans([{ text: 'Connection string  ' }, { text: value, whole: true }], { width: 60, hang: 19 });
    expect(lines.map((l) => l.map((s) => s.text).join(''))).toEqual(['Connection string', value]);
  });

  it('starts a new line at each line break, at the hanging indent; a tab counts as a space', () => {
    expect(wrapLine('first\nsecond\r\nthird', { width: 80, hang: 2 })).toEqual(['first', '  second', '  third']);
    expect(wrapLine('a\tb\tc', { width: 3 })).toEqual(['a b', 'c']);
  });
});

describe('wrapBlock (help pages)', () => {
  it('wraps option rows under their description and paragraphs at their indentation', () => {
    const help = [
      'Usage: hart-dev up [options]',
      '',
      'Starts SQL Server and Neo4j and deploys the Hartonomous database: preflight checks, containers, CLR assembly.',
      '  --only <ids>   run only these phases (comma-separated) and what they need',
    ].join('\n');
    expect(wrapBlock(help, 60)).toBe(
      [
        'Usage: hart-dev up [options]',
        '',
        'Starts SQL Server and Neo4j and deploys the Hartonomous',
        'database: preflight checks, containers, CLR assembly.',
        '  --only <ids>   run only these phases (comma-separated) and',
        '                 what they need',
      ].join('\n'),
    );
  });
});

describe('terminalColumns', () => {
  it('is the width of a TTY, and 80 when the stream is not a TTY or does not say', () => {
    expect(terminalColumns({ isTTY: true, columns: 132 })).toBe(132);
    expect(terminalColumns({ isTTY: false, columns: 132 })).toBe(FALLBACK_COLUMNS);
    expect(terminalColumns({ isTTY: true, columns: 0 })).toBe(80);
    expect(terminalColumns({})).toBe(80);
  });
});
