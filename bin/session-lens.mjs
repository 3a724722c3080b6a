#!/usr/bin/env node
// Launcher for the bundled CLI, which `npm install` builds (package.json "prepare").
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/session-lens.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('session-lens: the CLI is not built yet: run `npm install` (or `npm run build:cli`) in the project first\n');
  process.exit(1);
}
await import(bundle.href);
