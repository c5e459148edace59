import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './io.js';
import { runCli } from './main.js';

function io(env: NodeJS.ProcessEnv = {}, columns?: number): { io: CommandIo; out: () => string; err: () => string } {
  let o = '';
  let e = '';
  const stream = (add: (s: string) => void): Writable => {
    const writable = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        add(chunk.toString());
        callback();
      },
    });
    // A terminal of that width (tty.WriteStream's isTTY and columns); without it, a pipe.
    return columns === undefined ? writable : Object.assign(writable, { isTTY: true, columns });
  };
  const cwd = mkdtempSync(join(tmpdir(), 'hart-main-'));
  return { io: { stdout: stream((s) => (o += s)), stderr: stream((s) => (e += s)), env, cwd, stderrIsTTY: false, stdinIsTTY: false, signal: new AbortController().signal }, out: () => o, err: () => e };
}

describe('hart-dev', () => {
  it('an unknown command names the closest one and exits 2', async () => {
    const t = io();
    expect(await runCli(['stauts'], t.io)).toBe(2);
    expect(t.err()).toContain('Unknown command "stauts". Did you mean "status"?');
  });

  it('warns on stderr about a HART_* variable no setting has, naming the likely one', async () => {
    const t = io({ HART_SQL_PROT: '1444' });
    expect(await runCli(['plan', '--help'], t.io)).toBe(0);
    expect(t.err()).toContain('⚠ HART_SQL_PROT (environment) is not a hart-dev setting: did you mean HART_SQL_PORT?');
  });
});

describe('--help fits the terminal', () => {
  const help = async (args: string[], columns?: number): Promise<string> => {
    const t = io({}, columns);
    expect(await runCli(args, t.io)).toBe(0);
    return t.out();
  };

  it('wraps command summaries under the summary column at 60 columns, and is 80 wide in a pipe', async () => {
    expect(await help(['--help'], 60)).toMatchInlineSnapshot(`
      "hart-dev — a complete local Hartonomous database stack with
      one command

      Usage: hart-dev <command> [options]

      Commands:
        up        Start SQL Server and Neo4j and deploy the
                  Hartonomous database
        down      Stop and remove this project's containers
                  (--volumes also removes its data)
        status    Show the services: state, health, image, ports,
                  volume (-o env for .NET settings)
        logs      Print a service's container logs (-f to follow)
        watch     Run up, then check and send every saved script,
                  CLR source and graph schema change
        reset     Give a fresh database fast (golden backup
                  restore, or --full redeploy)
        snapshot  Save and restore the whole stack by name
                  (snapshot save|restore|list|delete NAME)
        seed      Refill the seed data (tenant, plans, sample
                  embeddings), here or on --target
        clr       Build the SQL CLR assembly (clr build) or print
                  its bindings (clr bindings)
        doctor    Check this machine: Docker, architecture,
                  memory, ports, passwords, EULA, disk
        plan      Show what up would run: phases and every SQL
                  batch in deploy order (no server)
        check     Check the SQL payload for mistakes before any
                  server sees it

      Global options:
        --json            NDJSON events on stdout (everything
                          human on stderr)
        --show-secrets    print passwords instead of masking them
        -h, --help        help for hart-dev or a command
        -v, --version     print the version

      Configuration comes from flags, the environment, .env.local,
      .env and defaults; see .env.example.
      Run 'hart-dev <command> --help' for a command's options.
      "
    `);
    const piped = await help(['--help']);
    expect(piped).toBe(await help(['--help'], 80));
    for (const line of piped.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('keeps the lines at 120 columns', async () => {
    expect(await help(['--help'], 120)).toMatchInlineSnapshot(`
      "hart-dev — a complete local Hartonomous database stack with one command

      Usage: hart-dev <command> [options]

      Commands:
        up        Start SQL Server and Neo4j and deploy the Hartonomous database
        down      Stop and remove this project's containers (--volumes also removes its data)
        status    Show the services: state, health, image, ports, volume (-o env for .NET settings)
        logs      Print a service's container logs (-f to follow)
        watch     Run up, then check and send every saved script, CLR source and graph schema change
        reset     Give a fresh database fast (golden backup restore, or --full redeploy)
        snapshot  Save and restore the whole stack by name (snapshot save|restore|list|delete NAME)
        seed      Refill the seed data (tenant, plans, sample embeddings), here or on --target
        clr       Build the SQL CLR assembly (clr build) or print its bindings (clr bindings)
        doctor    Check this machine: Docker, architecture, memory, ports, passwords, EULA, disk
        plan      Show what up would run: phases and every SQL batch in deploy order (no server)
        check     Check the SQL payload for mistakes before any server sees it

      Global options:
        --json            NDJSON events on stdout (everything human on stderr)
        --show-secrets    print passwords instead of masking them
        -h, --help        help for hart-dev or a command
        -v, --version     print the version

      Configuration comes from flags, the environment, .env.local, .env and defaults; see .env.example.
      Run 'hart-dev <command> --help' for a command's options.
      "
    `);
  });

  it('wraps every command\'s help with a hanging indent under the option text', async () => {
    for (const command of ['up', 'down', 'status', 'logs', 'reset', 'seed', 'clr', 'doctor', 'plan', 'check']) {
      for (const line of (await help([command, '--help'], 60)).split('\n')) {
        // Only a word wider than what is left (a JSON shape, a long flag) may run past the edge.
        if (line.length > 60) expect(line.trim(), line).not.toContain(' ');
      }
    }
    expect(await help(['up', '--help'], 60)).toMatch(/\n {2}--only <ids> +run only these phases\n {29}\(comma-separated\) and what they\n {29}need, e.g. --only neo4j-seed\n/);
  });
});
