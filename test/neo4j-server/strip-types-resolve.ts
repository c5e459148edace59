// Preload for running this repository's TypeScript directly with `node --experimental-strip-types`
// (node --import ./test/neo4j-server/strip-types-resolve.ts …): the sources import each other with
// .js suffixes (what the compiled build needs), so a relative ./x.js that does not exist resolves to
// ./x.ts instead.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js') && context.parentURL !== undefined) {
      const asJs = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(asJs))) {
        return nextResolve(specifier.slice(0, -3) + '.ts', context);
      }
    }
    return nextResolve(specifier, context);
  },
});
