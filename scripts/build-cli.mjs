// Bundles the CLI (cli/ + lib/) into one Node ESM file; runs on `npm install` (prepare) so the bin works at once.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/run.ts'],
  outfile: 'dist/session-lens.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
