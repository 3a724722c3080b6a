import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { expect, it } from 'vitest';

// What the popup, the side panel and the devtools panel evaluate before their first paint: the static imports of
// their entry modules, followed through the project's files (the popup's main awaits `import('./popup')` first).
const ROOT = join(import.meta.dirname, '../..');
const PAGE_MODULES = ['entrypoints/popup/main.tsx', 'entrypoints/popup/popup.tsx', 'entrypoints/sidepanel/main.tsx', 'entrypoints/devtools-panel/main.tsx'];

/** The project files a module imports: statically only (`import type` is erased), or also through `import()`. */
function importsOf(file: string, withDynamic: boolean): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const statics = [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from\s*'([^']+)'/gm)].map((match) => match[1]!);
  const dynamics = withDynamic ? [...text.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((match) => match[1]!) : [];
  return [...statics, ...dynamics].filter((specifier) => specifier.startsWith('.')).flatMap((specifier) => {
    const base = normalize(join(dirname(file), specifier));
    const found = [`${base}.ts`, `${base}.tsx`].find((candidate) => statSync(join(ROOT, candidate), { throwIfNoEntry: false })?.isFile());
    return found ? [found] : [];
  });
}

function reachable(withDynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of importsOf(file, withDynamic)) visit(imported);
  };
  PAGE_MODULES.forEach(visit);
  return new Set([...seen].map((file) => relative('.', file)));
}

/** Modules the first view of a tab does not need: the editor, every format's reader and writer, their MACs, the scanner. */
const ON_DEMAND = ['components/SessionEditor.tsx', 'lib/edit/preview.ts', 'lib/formats/registry.ts', 'lib/decode/decode.ts', 'lib/crypto/hmac-check.ts', 'lib/scan/scanner.ts', 'lib/scan/target.ts'];

it('the pages load the session editor, the format registry and the scanner only when they are shown', () => {
  const first = reachable(false);
  // The walk reads the pages' real imports: the card and the view are there, and the rest is reached on demand.
  expect(first).toContain('components/SessionLensView.tsx');
  expect(first).toContain('components/SessionCard.tsx');
  const all = reachable(true);
  expect(ON_DEMAND.filter((file) => !all.has(file))).toEqual([]);
  expect(ON_DEMAND.filter((file) => first.has(file))).toEqual([]);
});
