// The commands that really work. `--help` lists them without loading them (fast start); each module
// is imported only when its command runs, so Ink, mssql and dockerode load only when needed.
import type { CommandIo } from './io.js';

export interface CommandModule {
  run(args: string[], io: CommandIo): Promise<number>;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'up', summary: 'Start SQL Server and Neo4j and deploy the Hartonomous database', load: () => import('./up.js') },
  { name: 'down', summary: "Stop and remove this project's containers (--volumes also removes its data)", load: () => import('./down.js') },
  { name: 'status', summary: 'Show the services: state, health, image, ports, volume (-o env for .NET settings)', load: () => import('./status.js') },
  { name: 'logs', summary: 'Print a service\'s container logs (-f to follow)', load: () => import('./logs.js') },
  { name: 'watch', summary: 'Run up, then check and send every saved script, CLR source and graph schema change', load: () => import('./watch.js') },
  { name: 'reset', summary: 'Give a fresh database fast (golden backup restore, or --full redeploy)', load: () => import('./reset.js') },
  { name: 'snapshot', summary: 'Save and restore the whole stack by name (snapshot save|restore|list|delete NAME)', load: () => import('./snapshot.js') },
  { name: 'seed', summary: 'Refill the seed data (tenant, plans, sample embeddings), here or on --target', load: () => import('./seed.js') },
  { name: 'clr', summary: 'Build the SQL CLR assembly (clr build) or print its bindings (clr bindings)', load: () => import('./clr.js') },
  { name: 'doctor', summary: 'Check this machine: Docker, architecture, memory, ports, passwords, EULA, disk', load: () => import('./doctor.js') },
  { name: 'plan', summary: 'Show what up would run: phases and every SQL batch in deploy order (no server)', load: () => import('./plan.js') },
  { name: 'check', summary: 'Check the SQL payload for mistakes before any server sees it', load: () => import('./check.js') },
];
