#!/usr/bin/env node
// Tiny launcher: everything lives in the built CLI.
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2)));
