// The browser half of scripts/bench-scan.ts: bundled by esbuild and served from 127.0.0.1 with
// scan-worker.js (lib/scan/scan-worker.ts bundled on its own, started as a module Web Worker).
import { wireForms } from '../lib/codec/wire';
import type { HmacCheck } from '../lib/crypto/hmac-check';
import { FORMATS } from '../lib/formats/registry';
import { knownSecrets } from '../lib/known-keys/list';
import { loadScanWasm } from '../lib/scan/engine-wasm';
import { createScanner } from '../lib/scan/scanner';
import { createScanPool, webWorkerPort } from '../lib/scan/pool';
import { parseWordlist } from '../lib/scan/wordlist';

interface PageBenchInput {
  cookie: string;
  runs: number;
}

function checksOf(value: string): HmacCheck[] {
  for (const form of wireForms(value)) {
    for (const format of FORMATS) {
      const reading = format.read({ name: 'session', value: form.value }, { jar: new Map() });
      if (reading?.signing.kind === 'hmac') return reading.signing.checks;
    }
  }
  throw new Error('not an HMAC-signed cookie');
}

async function runBench({ cookie, runs }: PageBenchInput) {
  const out: Record<string, unknown> = { userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency };
  const checks = checksOf(cookie);
  const flaskOnly = checks.filter((check) => check.config.salt === 'cookie-session' && check.config.keyDerivation === 'hmac');

  // Known secrets on the page's own thread, as decode.ts does it: first time (cold) and again (warm).
  const known = knownSecrets().map((entry) => entry.secret);
  let t = performance.now();
  const wasm = await loadScanWasm();
  let index = createScanner(checks).findFirst(known);
  out.knownColdMs = performance.now() - t;
  out.wasm = wasm;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    index = createScanner(checks).findFirst(known);
    warm.push(performance.now() - t);
  }
  out.knownWarmMs = Math.min(...warm);
  out.knownIndex = index;

  t = performance.now();
  const text = await (await fetch('/wordlist.txt')).text();
  const list = parseWordlist(text);
  out.parseMs = performance.now() - t;
  out.listLength = list.length;

  const measure = async (size: number, set: HmacCheck[]) => {
    const pool = createScanPool({
      size,
      createWorker: () => webWorkerPort(new Worker('/scan-worker.js', { type: 'module' })),
    });
    try {
      await pool.scan(set, list.slice(0, 20_000)); // start the workers, compile and warm the engine
      let best = { rate: 0, seconds: 0, index: -1 };
      for (let i = 0; i < runs; i++) {
        const result = await pool.scan(set, list);
        const rate = (result.found ? result.index! + 1 : result.attempts) / result.seconds;
        if (rate > best.rate) best = { rate, seconds: result.seconds, index: result.index ?? -1 };
      }
      return best;
    } finally {
      pool.close();
    }
  };
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  out.poolAll = await measure(cores, checks);
  out.poolFlask = await measure(cores, flaskOnly);
  out.poolOne = await measure(1, checks);
  out.cores = cores;
  return out;
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
