// .env.example is generated from VARIABLES: one commented line and the default per variable.
// env-example.test.ts fails when the file and the table drift apart.
import { VARIABLES, type VariableSpec } from './variables.js';

const HEADER = [
  '# hart-dev configuration. Copy to .env (shared) or .env.local (yours, wins over .env) and edit.',
  '# Sources, highest first: command-line flags, the environment, .env.local, .env, defaults.',
  '# Generated from src/config/variables.ts: run `npm run env:example` after changing a variable.',
];

function entry(spec: VariableSpec): string[] {
  const flag = spec.flag === undefined ? '' : ` (flag --${spec.flag})`;
  const value = spec.default ?? '';
  // Unset variables (generated passwords, optional paths and URLs) stay commented out.
  const line = spec.default === undefined ? `# ${spec.name}=` : `${spec.name}=${value}`;
  return [`# ${spec.description}${flag}`, line];
}

export function renderEnvExample(variables: readonly VariableSpec[] = VARIABLES): string {
  return [...HEADER, '', ...variables.flatMap((spec) => [...entry(spec), ''])].join('\n');
}
