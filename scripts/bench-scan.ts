// Secret-scan speed: `npm run bench:scan [-- --runs N] [--no-browser] [--generated] [--million]`.
// --million: only the whole-process case on 1,000,000 lines (CLI, extension, Flask-Unsign).
// With FLASK_UNSIGN_SRC=<a Flask-Unsign checkout> the 1,000,000-line case also runs Flask-Unsign on the same file.
//
// Scans the Flask-Unsign wordlist (../shared/data/flask-unsign-wordlist.txt from the project root; a generated
// list of the same size and shape when it is absent) against a real Flask session cookie whose key is the
// list's last entry, with the one scan core of lib/scan/ (scanner.ts and its engines):
//   - Node, one thread: WebAssembly SIMD engine, JS engine, and the generic checkSecret (sampled);
//   - Node, every core: the worker pool on worker_threads (cli/scan-node.ts, bundled by esbuild);
//   - headless Chromium (playwright-core, page from 127.0.0.1): the same pool on module Web Workers;
// the time to check the curated known secrets against that cookie (cold process and warm); and the whole CLI process
// (read, parse, scan) on a 1,000,000-line list in the same format (the list repeated, or generated), interleaved with
// Flask-Unsign on the same file when FLASK_UNSIGN_SRC names its checkout, and their ratio, and with the built
// extension (.output/chrome-mv3: `npm run build` first) in headless Chromium: its popup page on a 127.0.0.1 site
// that sets the cookie, from the file picked in its wordlist form to the found key shown (workers started anew).
// "Attempts" are candidate secrets, each tested against every check the cookie's format implies: for a Flask
// session that is 10 signer configurations (Flask's own first); "Flask check only" tests just Flask's.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createNodeScanPool } from '../cli/scan-node';
import { median } from './bench/stats';
import { chromiumUnavailableReason, EXTENSION_DIR, grantSiteAccess, launchWithExtension, type ExtensionBrowser } from '../tests/e2e/chromium-harness';
import { wireForms } from '../lib/codec/wire';
import { findMatchingSecret, type HmacCheck } from '../lib/crypto/hmac-check';
import { FORMATS } from '../lib/formats/registry';
import { knownSecrets } from '../lib/known-keys/list';
import { loadScanWasm } from '../lib/scan/engine-wasm';
import { createScanner, type ScanEngineName } from '../lib/scan/scanner';
import { parseWordlist } from '../lib/scan/wordlist';
import type { Secret } from '../lib/types';

const ROOT = resolve(import.meta.dirname, '..');
const WORDLIST = resolve(ROOT, '../shared/data/flask-unsign-wordlist.txt');
const PYTHON = '/usr/bin/python3';
const CHROMIUM = '/usr/bin/chromium';
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const BROWSER = !args.includes('--no-browser');
/** Use the generated list even where the real one is present. */
const GENERATED = args.includes('--generated');
/** Only the whole-process case on a million lines. */
const MILLION_ONLY = args.includes('--million');
/** Lines of the whole-process case (the list repeated, or the generated list when the real one is absent). */
const MILLION = 1_000_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
const note = (text: string) => console.log(`  note: ${text}`);

interface BenchCookie {
  cookie: string;
  secret: { text?: string; hex?: string };
  versions: Record<string, string>;
  generator: string;
}

// ---------------------------------------------------------------- the list and the cookie

/** Same size and shape as the Flask-Unsign list: quoted Python literals, lengths spread the same way. */
function generatedList(lines: number, lastLine: string): string {
  let seed = 0x5e55;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Share of lines by UTF-8 length in the real list: <=30, <=41, <=55, <=64, >64.
  const buckets: [number, number, number][] = [
    [0.694, 4, 30],
    [0.147, 31, 41],
    [0.096, 42, 55],
    [0.024, 56, 64],
    [0.039, 65, 120],
  ];
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-!@#$%^&*()+=.:/ ';
  const out: string[] = [];
  for (let i = 0; i < lines - 1; i++) {
    let r = random();
    let [, min, max] = buckets[buckets.length - 1]!;
    for (const [share, lo, hi] of buckets) {
      if (r < share) {
        min = lo;
        max = hi;
        break;
      }
      r -= share;
    }
    const length = min + Math.floor(random() * (max - min + 1));
    let body = '';
    while (body.length < length) body += random() < 0.03 ? `\\x${Math.floor(random() * 256).toString(16).padStart(2, '0')}` : alphabet[Math.floor(random() * alphabet.length)];
    out.push(random() < 0.57 ? `'${body.replace(/'/g, "\\'")}'` : `"${body.replace(/"/g, '\\"')}"`);
  }
  out.push(lastLine);
  return out.join('\n') + '\n';
}

function pythonLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function flaskAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import flask'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function loadInputs(): { text: string; cookie: BenchCookie; source: string } {
  const committed = JSON.parse(readFileSync(join(ROOT, 'scripts/bench-cookie.json'), 'utf8')) as BenchCookie;
  if (GENERATED || !existsSync(WORDLIST)) {
    note(`${GENERATED ? '--generated' : `${WORDLIST} is absent`}: using a generated list of the same size (55,982 lines) and shape instead`);
    note('cookie: scripts/bench-cookie.json (made by real Flask), its key as the last line');
    return { text: generatedList(55_982, pythonLiteral(committed.secret.text!)), cookie: committed, source: 'generated list (55,982 lines)' };
  }
  const text = readFileSync(WORDLIST, 'utf8');
  if (flaskAvailable()) {
    const made = JSON.parse(execFileSync(PYTHON, [join(ROOT, 'scripts/bench-cookie.py'), '--last', WORDLIST]).toString('utf8')) as BenchCookie;
    note(`cookie made now by Flask ${made.versions.flask} (itsdangerous ${made.versions.itsdangerous}) with the list's last entry as its key`);
    return { text, cookie: made, source: 'Flask-Unsign wordlist' };
  }
  note('Python with Flask is not available: cookie from scripts/bench-cookie.json, its key appended as the last line');
  return { text: `${text.replace(/\n*$/, '\n')}${pythonLiteral(committed.secret.text!)}\n`, cookie: committed, source: 'Flask-Unsign wordlist + 1 line' };
}

function checksOf(value: string): HmacCheck[] {
  for (const form of wireForms(value)) {
    for (const format of FORMATS) {
      const reading = format.read({ name: 'session', value: form.value }, { jar: new Map() });
      if (reading?.signing.kind === 'hmac') return reading.signing.checks;
    }
  }
  throw new Error('the bench cookie is not an HMAC-signed cookie');
}

function sameSecret(a: Secret, b: { text?: string; hex?: string }): boolean {
  if (typeof a === 'string') return a === b.text;
  return b.hex !== undefined && Buffer.from(a).toString('hex') === b.hex;
}

// ---------------------------------------------------------------- measuring

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Best (fastest) of `runs` runs: wall seconds and CPU seconds of this process. */
function best(runs: number, run: () => number): { seconds: number; cpu: number; value: number } {
  let out = { seconds: Infinity, cpu: Infinity, value: -1 };
  for (let i = 0; i < runs; i++) {
    const cpu = cpuMs();
    const started = performance.now();
    const value = run();
    const seconds = (performance.now() - started) / 1000;
    if (seconds < out.seconds) out = { seconds, cpu: (cpuMs() - cpu) / 1000, value };
  }
  return out;
}

async function bundle(dir: string, entry: string, outfile: string, platform: 'node' | 'browser'): Promise<string> {
  const path = join(dir, outfile);
  await build({ entryPoints: [join(ROOT, entry)], outfile: path, bundle: true, platform, format: 'esm', target: platform === 'node' ? 'node20' : 'es2022', logLevel: 'warning' });
  return path;
}

/** The known-secret check in a fresh Node process: nothing compiled, nothing warm. */
async function knownCold(dir: string, cookie: string, engine: ScanEngineName): Promise<{ ms: number; index: number }> {
  const path = join(dir, 'known-cold.mjs');
  if (!existsSync(path)) {
    await build({
      stdin: {
        contents: `
          import { wireForms } from './lib/codec/wire';
          import { FORMATS } from './lib/formats/registry';
          import { knownSecrets } from './lib/known-keys/list';
          import { loadScanWasm } from './lib/scan/engine-wasm';
          import { createScanner } from './lib/scan/scanner';
          const [value, engine] = process.argv.slice(2);
          let checks = null;
          for (const form of wireForms(value)) for (const format of FORMATS) {
            const reading = checks ? null : format.read({ name: 'session', value: form.value }, { jar: new Map() });
            if (reading && reading.signing.kind === 'hmac') checks = reading.signing.checks;
          }
          const list = knownSecrets();
          const started = performance.now();
          if (engine === 'wasm') await loadScanWasm();
          const index = createScanner(checks, { engine }).findFirst(list.map((entry) => entry.secret));
          console.log(JSON.stringify({ ms: performance.now() - started, index }));
        `,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: path,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
  }
  let bestRun = { ms: Infinity, index: -1 };
  for (let i = 0; i < RUNS; i++) {
    const run = JSON.parse(execFileSync(process.execPath, [path, cookie, engine]).toString('utf8')) as { ms: number; index: number };
    if (run.ms < bestRun.ms) bestRun = run;
  }
  return bestRun;
}

// ---------------------------------------------------------------- main

console.log(`bench:scan on ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other processes share these cores; each figure is the best of ${RUNS} runs)`);
const { text, cookie, source } = loadInputs();

let started = performance.now();
const list = parseWordlist(text);
const parseSeconds = (performance.now() - started) / 1000;
const last = list.length - 1;
if (!sameSecret(list[last]!, cookie.secret)) throw new Error('the cookie key is not the last entry of the parsed list');
const checks = checksOf(cookie.cookie);
const flaskOnly = checks.filter((check) => check.config.salt === 'cookie-session' && check.config.keyDerivation === 'hmac');
console.log(`  list: ${source}, ${fmt(list.length)} candidates, parsed in ${ms(parseSeconds)}; cookie ${cookie.cookie}`);
console.log(`  checks: ${checks.length} (${checks.map((check) => `${check.config.keyDerivation}${check.config.salt ? `/${check.config.salt}` : ''}`).join(', ')}); message ${checks[0]!.message.length} bytes`);

if (!(await loadScanWasm())) throw new Error('WebAssembly SIMD is not available in this Node');
const results: [string, string][] = [];
const rate = (count: number, seconds: number) => `${fmt(count / seconds)} attempts/s`;

if (!MILLION_ONLY) {
  console.log('\nNode, one thread (in process):');
  for (const [label, set, engine] of [
    ['WebAssembly SIMD engine, all checks', checks, 'wasm'],
    ['WebAssembly SIMD engine, Flask check only', flaskOnly, 'wasm'],
    ['JS engine, all checks', checks, 'js'],
    ['JS engine, Flask check only', flaskOnly, 'js'],
  ] as const) {
    const scanner = createScanner(set, { engine });
    scanner.findFirst(list, 0, 20_000); // warm up
    const run = best(RUNS, () => scanner.findFirst(list));
    if (run.value !== last) throw new Error(`${label}: found ${run.value}, expected ${last}`);
    const line = `${rate(list.length, run.seconds)} (${ms(run.seconds)} for the list; ${fmt(list.length / run.cpu)}/s of CPU time)`;
    console.log(`  ${label}: ${line}`);
    results.push([`Node 1 thread, ${label}`, line]);
  }
  {
    const sample = list.slice(0, 1500);
    const run = best(1, () => findMatchingSecret(checks, sample)?.secretIndex ?? -1);
    const line = `${rate(sample.length, run.seconds)} (sampled on ${fmt(sample.length)} candidates)`;
    console.log(`  generic checkSecret (before this work), all checks: ${line}`);
    results.push(['Node 1 thread, generic checkSecret, all checks', line]);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
try {
  if (!MILLION_ONLY) {
    console.log(`\nNode, ${availableParallelism()} worker_threads (cli/scan-node.ts pool):`);
    const entry = pathToFileURL(await bundle(dir, 'cli/scan-node.ts', 'scan-node.mjs', 'node'));
    const pool = createNodeScanPool({ entry });
    try {
      await pool.scan(checks, list.slice(0, 20_000));
      for (const [label, set] of [
        ['all checks', checks],
        ['Flask check only', flaskOnly],
      ] as const) {
        let bestSeconds = Infinity;
        let bestCpu = Infinity;
        for (let i = 0; i < RUNS; i++) {
          const cpu = cpuMs();
          const result = await pool.scan(set, list);
          if (result.index !== last) throw new Error(`pool ${label}: found ${result.index}, expected ${last}`);
          bestSeconds = Math.min(bestSeconds, result.seconds);
          // process.cpuUsage() counts every thread of the process: the workers' CPU time.
          bestCpu = Math.min(bestCpu, (cpuMs() - cpu) / 1000);
        }
        const line = `${rate(list.length, bestSeconds)} (${ms(bestSeconds)} for the list; ${fmt(list.length / bestCpu)}/s of CPU time)`;
        console.log(`  ${label}: ${line}`);
        results.push([`Node ${pool.size} threads, ${label}`, line]);
      }
    } finally {
      pool.close();
    }

    console.log(`\nKnown secrets (${knownSecrets().length}) against this cookie, as decode.ts checks them:`);
    const knownList = knownSecrets().map((entry) => entry.secret);
    for (const engine of ['wasm', 'js'] as const) {
      const cold = await knownCold(dir, cookie.cookie, engine);
      const warm = best(Math.max(5, RUNS), () => createScanner(checks, { engine }).findFirst(knownList));
      const line = `cold ${cold.ms.toFixed(1)} ms (fresh process${engine === 'wasm' ? ', compiling the module included' : ''}), warm ${ms(warm.seconds)}`;
      console.log(`  ${engine === 'wasm' ? 'WebAssembly SIMD engine' : 'JS engine'}: ${line}`);
      results.push([`known secrets, ${engine}`, line]);
    }
    {
      const run = best(1, () => findMatchingSecret(checks, knownList)?.secretIndex ?? -1);
      console.log(`  generic findMatchingSecret (before this work): ${ms(run.seconds)}`);
      results.push(['known secrets, generic (before)', ms(run.seconds)]);
    }
  }

  console.log(`\nWhole process on ${fmt(MILLION)} lines (the CLI reads, parses and scans the file; best of ${RUNS}):`);
  const million = await millionLineCase(dir, text, cookie);
  results.push(...million);

  if (BROWSER && !MILLION_ONLY) {
    console.log('\nHeadless Chromium (module Web Workers, page from 127.0.0.1):');
    const page = await browserBench(dir, text, cookie.cookie, last);
    if (page) {
      for (const [key, label] of [
        ['poolAll', `${page.cores} workers, all checks`],
        ['poolFlask', `${page.cores} workers, Flask check only`],
        ['poolOne', '1 worker, all checks'],
      ] as const) {
        const run = page[key] as { rate: number; seconds: number };
        const line = `${fmt(run.rate)} attempts/s (${ms(run.seconds)} for the list)`;
        console.log(`  ${label}: ${line}`);
        results.push([`Chromium, ${label}`, line]);
      }
      const known = `cold ${(page.knownColdMs as number).toFixed(1)} ms (WebAssembly ${page.wasm ? 'on' : 'off'}), warm ${(page.knownWarmMs as number).toFixed(1)} ms`;
      console.log(`  known secrets on the page thread: ${known}; wordlist parsed in ${(page.parseMs as number).toFixed(1)} ms`);
      results.push(['Chromium, known secrets (page thread)', known]);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('\nSummary');
for (const [label, value] of results) console.log(`  ${label.padEnd(58)} ${value}`);

/** The list's lines but its last (the cookie's key) repeated to a million lines, the key last: the 1M case's file. */
function millionLines(text: string, key: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '').slice(0, -1);
  return `${Array.from({ length: MILLION - 1 }, (_, i) => lines[i % lines.length]!).join('\n')}\n${pythonLiteral(key)}\n`;
}

/** Seconds one command takes, start to exit; throws unless its output names the key. */
function timeProcess(command: string, argv: string[], key: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const run = spawnSync(command, argv, { env, maxBuffer: 16 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (!run.stdout.toString('utf8').includes(key)) throw new Error(`${command} ${argv.join(' ')} did not find the key: ${run.stderr.toString('utf8').slice(-400)}`);
  return seconds;
}

/** session-lens scan vs Flask-Unsign (when FLASK_UNSIGN_SRC is set) on the same 1M-line file, runs interleaved. */
async function millionLineCase(dir: string, text: string, cookie: BenchCookie): Promise<[string, string][]> {
  const key = cookie.secret.text!;
  const file = join(dir, 'million.txt');
  writeFileSync(file, millionLines(text, key));
  await build({ entryPoints: { 'session-lens': join(ROOT, 'cli/run.ts'), 'scan-worker': join(ROOT, 'cli/scan-node.ts') }, outdir: join(dir, 'cli'), outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  const ours = () => timeProcess(process.execPath, [join(dir, 'cli/session-lens.mjs'), 'scan', '--wordlist', file, '--json', `session=${cookie.cookie}`], key);
  const source = process.env.FLASK_UNSIGN_SRC;
  // Flask-Unsign's defaults (8 threads, literal_eval of every line), quiet.
  const theirs = source ? () => timeProcess(PYTHON, ['-m', 'flask_unsign', '--unsign', '--cookie', cookie.cookie, '--wordlist', file, '--quiet'], key, { ...process.env, PYTHONPATH: source }) : null;
  const extension = BROWSER ? await extensionScan(cookie.cookie, key) : null;
  const oursRuns: number[] = [];
  const extensionRuns: number[] = [];
  const theirRuns: number[] = [];
  try {
    // Flask-Unsign takes tens of seconds a run: one run of it between runs of ours.
    for (let i = 0; i < RUNS; i++) {
      oursRuns.push(ours());
      if (extension) extensionRuns.push(await extension.pickToAnswer(file));
      if (theirs && i < 2) theirRuns.push(theirs());
      console.log(`  run ${i + 1}: CLI ${ms(oursRuns.at(-1)!)}${extension ? `, extension ${ms(extensionRuns.at(-1)!)}` : ''}${theirs && i < 2 ? `, Flask-Unsign ${theirRuns.at(-1)!.toFixed(2)} s (${(theirRuns.at(-1)! / oursRuns.at(-1)!).toFixed(1)}x the CLI)` : ''}`);
    }
  } finally {
    await extension?.close();
  }
  const best = Math.min(...oursRuns);
  const line = `${ms(best)} (${fmt(MILLION / best)} lines/s, whole process)`;
  console.log(`  session-lens scan: ${line}`);
  const out: [string, string][] = [['CLI, 1M lines, whole process', line]];
  if (extension) {
    const picked = `${ms(Math.min(...extensionRuns))} best, ${ms(median(extensionRuns))} median (file picked -> key shown, ${extension.workers} workers)`;
    console.log(`  extension popup page: ${picked}`);
    out.push(['Chromium extension, 1M lines', picked]);
  }
  if (!source) {
    note('set FLASK_UNSIGN_SRC to a Flask-Unsign checkout to run it on the same file and print the ratio');
    return out;
  }
  const theirBest = Math.min(...theirRuns);
  const ratio = `Flask-Unsign ${(theirBest).toFixed(2)} s: session-lens ${(theirBest / best).toFixed(1)}x faster${extension ? ` (the extension ${(theirBest / Math.min(...extensionRuns)).toFixed(1)}x)` : ''}`;
  console.log(`  ${ratio}`);
  out.push(['Flask-Unsign, 1M lines, whole process', ratio]);
  return out;
}

/** Resolves, in the scan page, once the picked file's scan shows its answer: ms from the pick (`change`) to it. */
function timePickToAnswer(): Promise<{ ms: number; text: string }> {
  const input = document.querySelector<HTMLInputElement>('.sl-scan-form input[type=file]')!;
  const button = document.querySelector<HTMLButtonElement>('.sl-scan-form button[type=submit]')!;
  return new Promise((resolve) => {
    let picked = 0;
    // A user who presses Scan the moment it is enabled (the form enables it once it holds the file).
    const press = new MutationObserver(() => {
      if (picked === 0 || button.disabled) return;
      press.disconnect();
      button.click();
    });
    input.addEventListener('change', () => {
      picked = performance.now();
      press.observe(button, { attributes: true });
    }, { once: true });
    const answer = new MutationObserver(() => {
      const found = document.querySelector('.sl-scan-found');
      if (!found) return;
      answer.disconnect();
      resolve({ ms: performance.now() - picked, text: found.textContent ?? '' });
    });
    answer.observe(document.body, { subtree: true, childList: true });
  });
}

/**
 * The built extension in headless Chromium, its site access granted the way a user grants it (the popup's Allow,
 * then Chromium's prompt), for a site on 127.0.0.1 that sets the bench cookie; or null where it cannot run.
 */
async function extensionScan(cookie: string, key: string): Promise<{ workers: number; pickToAnswer(file: string): Promise<number>; close(): Promise<void> } | null> {
  const unavailable = chromiumUnavailableReason() ?? (existsSync(join(EXTENSION_DIR, 'manifest.json')) ? null : `${EXTENSION_DIR} is absent (npm run build)`);
  if (unavailable) {
    note(`no extension figures: ${unavailable}`);
    return null;
  }
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `session=${cookie}; Path=/; HttpOnly`, 'cache-control': 'no-store' });
    response.end('<!doctype html><title>bench:scan</title><h1>A Flask session</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  let browser: ExtensionBrowser | null = null;
  const close = async () => {
    await browser?.close();
    server.close();
    server.closeAllConnections();
  };
  try {
    browser = await launchWithExtension({ nativeUi: true });
    const site = browser.context.pages()[0] ?? (await browser.context.newPage());
    await site.goto(url);
    await grantSiteAccess(browser, url);
    const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${browser!.extensionId}/`))!;
    const tabId = await worker.evaluate((prefix) => (globalThis as any).chrome.tabs.query({ url: `${prefix}*` }).then((tabs: { id: number }[]) => tabs[0]!.id), url);
    const scanPage = `chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`;
    const opened = browser;
    const pickToAnswer = async (file: string): Promise<number> => {
      // A fresh page each run: its scan starts its workers, as a user's first scan does.
      const page = await opened.context.newPage();
      try {
        await page.goto(scanPage);
        await page.getByText('Find the secret key with a wordlist').click();
        const timed = page.evaluate(timePickToAnswer);
        await page.locator('.sl-scan-form input[type=file]').setInputFiles(file);
        const { ms: taken, text } = await timed;
        if (!text.includes(key)) throw new Error(`the extension showed ${JSON.stringify(text)}, not the key`);
        return taken / 1000;
      } finally {
        await page.close();
      }
    };
    const workers = await site.evaluate(() => navigator.hardwareConcurrency || 2);
    console.log(`  extension: ${EXTENSION_DIR} in ${await browser.context.browser()?.version() ?? 'Chromium'} (headless), ${workers} scan workers`);
    return { workers, pickToAnswer, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function browserBench(dir: string, wordlist: string, cookieValue: string, lastIndex: number): Promise<Record<string, unknown> | null> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    note('playwright-core is not installed: no browser figures');
    return null;
  }
  if (!existsSync(CHROMIUM)) {
    note(`${CHROMIUM} is absent: no browser figures`);
    return null;
  }
  const files: Record<string, { path: string; type: string }> = {
    '/page.js': { path: await bundle(dir, 'scripts/bench-scan-page.ts', 'page.js', 'browser'), type: 'text/javascript' },
    '/scan-worker.js': { path: await bundle(dir, 'lib/scan/scan-worker.ts', 'scan-worker.js', 'browser'), type: 'text/javascript' },
    '/wordlist.txt': { path: join(dir, 'wordlist.txt'), type: 'text/plain; charset=utf-8' },
    '/': { path: join(dir, 'index.html'), type: 'text/html; charset=utf-8' },
  };
  writeFileSync(files['/wordlist.txt']!.path, wordlist);
  writeFileSync(files['/']!.path, '<!doctype html><meta charset="utf-8"><title>bench:scan</title><script type="module" src="/page.js"></script>');
  const server = createServer((request, response) => {
    const file = files[(request.url ?? '/').split('?')[0]!];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(readFileSync(file.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'runBench' in globalThis);
    console.log(`  ${await browser.version()}`);
    const out = (await page.evaluate(
      (input) => (globalThis as unknown as { runBench: (input: unknown) => Promise<Record<string, unknown>> }).runBench(input),
      { cookie: cookieValue, runs: RUNS },
    )) as Record<string, unknown>;
    for (const key of ['poolAll', 'poolFlask', 'poolOne']) {
      const index = (out[key] as { index: number }).index;
      if (index !== lastIndex) throw new Error(`Chromium ${key}: found ${index}, expected ${lastIndex}`);
    }
    return out;
  } finally {
    await browser.close();
    server.close();
  }
}
