#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI.
// Node's compile cache (Node ≥ 22.1; absent before, hence the ?.) keeps the compiled code of the CLI
// and its dependencies between runs: loading the modules of `up` and `doctor` took a median 98 ms of
// CPU instead of 116 ms (29 paired runs, Node 22). bench/warm-up.ts prints its effect on a whole run.
import module from 'node:module';

module.enableCompileCache?.();
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
