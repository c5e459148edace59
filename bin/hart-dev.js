#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI.
// Node's compile cache (Node ≥ 22.1; absent before, hence the ?.) keeps the compiled code of the CLI
// and its dependencies between runs, which saves CPU on every start (see bench/warm-up.ts).
import module from 'node:module';

module.enableCompileCache?.();
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
