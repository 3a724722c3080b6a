import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** Where npm resolves `name` from the package at `from`: the nearest node_modules up the tree, as Node does. */
function locate(name: string, from: string): string | null {
  for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return null;
  }
}

/** Every package `npm install --omit=dev` installs: runtime dependencies and the peers npm adds for them. */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const queue = Object.keys(manifest.dependencies).map((name) => locate(name, ''));
  while (queue.length > 0) {
    const path = queue.pop();
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const entry = lock.packages[path]!;
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...peers]) queue.push(locate(name, path));
  }
  return seen;
}

describe('runtime dependencies', () => {
  it('pull in no build toolchain (an --omit=dev install stays small)', () => {
    const installed = [...productionClosure()].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    for (const tool of ['wxt', 'vite', 'esbuild', 'rollup', 'typescript', 'vitest']) expect(installed).not.toContain(tool);
  });
});
