import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The floors of lib/, bottom up (README "Project layout"): a module imports only from its own floor or below.
const FLOORS: readonly (readonly string[])[] = [
  ['types.ts'],
  ['codec/', 'display/'],
  ['crypto/'],
  ['signing/'],
  ['serializers/'],
  ['formats/'],
  ['scan/'],
  ['known-keys/'],
  ['decode/'],
  ['edit/'],
  ['history/'],
  ['browser/'],
];

const LIB = join(import.meta.dirname, '../../lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function floorOf(file: string): number {
  const path = relative(LIB, file);
  return FLOORS.findIndex((rooms) => rooms.some((room) => (room.endsWith('/') ? path.startsWith(room) : path === room)));
}

/** The files of lib/ this one imports (static imports, `import()` and `new URL(…, import.meta.url)` workers). */
function imports(file: string): { specifier: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'|new URL\('([^']+)'/g)].map((match) => match[1] ?? match[2]!);
  return specifiers.flatMap((specifier) => {
    if (!specifier.startsWith('.')) return [];
    const base = normalize(join(dirname(file), specifier)).replace(/\.tsx?$/, '');
    const target = [`${base}.ts`, `${base}.tsx`].find((candidate) => {
      try {
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
    return target ? [{ specifier, target }] : [];
  });
}

const files = sourceFiles(LIB);

describe('the house plan of lib/', () => {
  it('puts every module on a floor', () => {
    expect(files.filter((file) => floorOf(file) < 0).map((file) => relative(LIB, file))).toEqual([]);
  });

  it('imports only from the same floor or below', () => {
    const upward = files.flatMap((file) =>
      imports(file)
        .filter(({ target }) => target.startsWith(LIB) && floorOf(target) > floorOf(file))
        .map(({ target }) => `${relative(LIB, file)} -> ${relative(LIB, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('never leaves lib/ (no components, CLI or entrypoints) and reaches the browser only through lib/browser/', () => {
    const outside = files.flatMap((file) => imports(file).filter(({ target }) => !target.startsWith(LIB)).map(({ specifier }) => `${relative(LIB, file)} -> ${specifier}`));
    expect(outside).toEqual([]);
    const browserApis = files.filter((file) => !relative(LIB, file).startsWith('browser/') && /from 'wxt\/|from 'webextension-polyfill'/.test(readFileSync(file, 'utf8')));
    expect(browserApis.map((file) => relative(LIB, file))).toEqual([]);
  });

  it('has no import circle', () => {
    const graph = new Map(files.map((file) => [file, imports(file).map(({ target }) => target)]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].map((step) => relative(LIB, step)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });
});
