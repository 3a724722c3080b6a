// Bundles the CLI (cli/ + lib/) into Node ESM files in dist/; runs on `npm install` (prepare) so the bin works at once.
import { build } from 'esbuild';

// The scan workers run their own small bundle, so they do not start the whole CLI again.
await build({
  entryPoints: { 'session-lens': 'cli/run.ts', 'scan-worker': 'cli/scan-node.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
