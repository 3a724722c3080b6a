import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeScanPool } from '../../cli/scan-node';
import type { HmacCheck } from '../../lib/crypto/hmac-check';
import { loadScanWasm } from '../../lib/scan/engine-wasm';
import { createScanner, type CandidateStream, type ScanProgress } from '../../lib/scan/scanner';
import { createScanPool, type ScanWorkerFactory, type ScanWorkerPort } from '../../lib/scan/pool';
import { createScanWorkerHandler, type ScanWorkerRequest, type ScanWorkerResponse } from '../../lib/scan/scan-worker';
import type { Secret } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { checksOf } from '../scan-helpers';

const FLASK = loadFixtures('flask.json');
const CHECKS: HmacCheck[] = checksOf(FLASK.cases.find((c) => c.id === 'flask-plain')!)!;
const SECRET = 's3cr3t-flask-key';

function fillers(count: number, tag = 'filler'): string[] {
  return Array.from({ length: count }, (_, i) => `${tag}-${i}`);
}

interface FakeWorkers {
  factory: ScanWorkerFactory;
  made: number;
  terminated: number;
  /** Requests each worker received. */
  requests: ScanWorkerRequest[][];
}

/** Workers in this thread: the real handler behind structured-cloned, asynchronous messages. */
function fakeWorkers(options: { failOnChunk?: boolean } = {}): FakeWorkers {
  const fake: FakeWorkers = { made: 0, terminated: 0, requests: [], factory: () => null as never };
  fake.factory = (index) => {
    fake.made++;
    const received: ScanWorkerRequest[] = [];
    fake.requests[index] = received;
    let listener: ((response: ScanWorkerResponse) => void) | null = null;
    let alive = true;
    const handle = createScanWorkerHandler((response) => {
      const copy = structuredClone(response);
      setTimeout(() => alive && listener?.(copy), 0);
    });
    const port: ScanWorkerPort = {
      post(request) {
        received.push(request);
        const copy = structuredClone(request);
        setTimeout(() => {
          if (!alive) return;
          if (options.failOnChunk && copy.type === 'chunk') {
            listener?.({ type: 'error', id: copy.id, message: 'boom' });
            return;
          }
          handle(copy);
        }, 0);
      },
      listen(onMessage) {
        listener = onMessage;
      },
      terminate() {
        alive = false;
        fake.terminated++;
      },
    };
    return port;
  };
  return fake;
}

beforeAll(async () => {
  await loadScanWasm();
});

describe('scan pool with in-process workers', () => {
  it('finds the secret and reports it with its check, as a single-threaded scan would', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 3, chunkSize: 500 });
    const list = [...fillers(7000), SECRET, ...fillers(100, 'after')];
    const result = await pool.scan(CHECKS, list);
    expect(result).toMatchObject({ found: true, index: 7000, secret: SECRET });
    expect(result.check).toBe(CHECKS[0]);
    expect(result.attempts).toBeGreaterThan(7000);
    expect(result.index).toBe(createScanner(CHECKS).findFirst(list));
    expect(fake.made).toBe(3);
    // Every worker got the checks, then chunks.
    for (const requests of fake.requests) expect(requests[0]!.type).toBe('init');
    pool.close();
    expect(fake.terminated).toBe(3);
  });

  it('reports the first match in list order even when a later chunk finds one first', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 4, chunkSize: 50 });
    const list: Secret[] = [...fillers(990), SECRET, ...fillers(5), SECRET, ...fillers(30), new TextEncoder().encode(SECRET)];
    for (let i = 0; i < 5; i++) expect((await pool.scan(CHECKS, list)).index).toBe(990);
    pool.close();
  });

  it('goes through the whole list when nothing matches, with progress up to the total', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 2, chunkSize: 256, progressInterval: 0 });
    const list = fillers(3000);
    const progress: ScanProgress[] = [];
    const result = await pool.scan(CHECKS, list, { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ found: false, attempts: 3000 });
    expect(result.cancelled).toBeUndefined();
    expect(progress.length).toBeGreaterThan(3);
    const attempts = progress.map((p) => p.attempts);
    expect(attempts).toEqual([...attempts].sort((a, b) => a - b));
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ attempts: 3000, fraction: 1, remainingSeconds: 0 });
    for (const p of progress) {
      expect(p.fraction).toBeCloseTo(p.attempts / 3000, 9);
      expect(p.rate).toBeGreaterThanOrEqual(0);
      if (p.remainingSeconds !== null) expect(p.remainingSeconds).toBeGreaterThanOrEqual(0);
    }
    pool.close();
  });

  it('cancels: resolves at once as cancelled, sends no more chunks, and the pool scans again afterwards', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 2, chunkSize: 200, progressInterval: 0 });
    const list = [...fillers(20_000), SECRET];
    const controller = new AbortController();
    let calls = 0;
    const result = await pool.scan(CHECKS, list, {
      signal: controller.signal,
      onProgress: () => {
        if (++calls === 3) controller.abort();
      },
    });
    expect(result.found).toBe(false);
    expect(result.cancelled).toBe(true);
    expect(result.attempts).toBeLessThan(list.length);
    const chunksSent = fake.requests.flat().filter((r) => r.type === 'chunk').length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests.flat().filter((r) => r.type === 'chunk').length).toBe(chunksSent);
    expect(chunksSent * 200).toBeLessThan(list.length);

    const again = await pool.scan(CHECKS, [...fillers(300), SECRET]);
    expect(again).toMatchObject({ found: true, index: 300 });
    expect(fake.made).toBe(2);
    pool.close();
  });

  it('an already aborted signal returns cancelled without work', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 2 });
    const controller = new AbortController();
    controller.abort();
    expect(await pool.scan(CHECKS, [SECRET], { signal: controller.signal })).toMatchObject({ found: false, cancelled: true, attempts: 0 });
    pool.close();
  });

  it('runs scans one after another, each with its own checks', async () => {
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 2, chunkSize: 100 });
    const other = checksOf(FLASK.cases.find((c) => c.id === 'itsdangerous-kd-hmac')!)!;
    const list = [...fillers(500), 'token-secret', SECRET];
    const [first, second, third] = await Promise.all([pool.scan(CHECKS, list), pool.scan(other, list), pool.scan(CHECKS, fillers(10))]);
    expect(first).toMatchObject({ found: true, index: 501 });
    expect(second).toMatchObject({ found: true, index: 500 });
    expect(second.check).toBe(other.find((check) => check.config.keyDerivation === 'hmac' && check.config.salt === 'itsdangerous'));
    expect(third).toMatchObject({ found: false, attempts: 10 });
    pool.close();
  });

  it('reads a streamed list a batch ahead of the chunks out, no further, and finds the first match across batches', async () => {
    const batches = Array.from({ length: 50 }, (_, b) => fillers(1000, `batch${b}`));
    batches[30]![400] = SECRET;
    batches[40]![0] = SECRET;
    let given = 0;
    let closed = false;
    const stream: CandidateStream = {
      next: async () => (given < batches.length ? batches[given++]! : null),
      get progress() {
        return given / batches.length;
      },
      close: () => (closed = true),
    };
    const fake = fakeWorkers();
    const pool = createScanPool({ createWorker: fake.factory, size: 2, chunkSize: 250, progressInterval: 0 });
    let mostAhead = 0;
    const result = await pool.scan(CHECKS, stream, { onProgress: (p) => (mostAhead = Math.max(mostAhead, given * 1000 - p.attempts)) });
    expect(result).toMatchObject({ found: true, index: 30_400, secret: SECRET });
    expect(closed).toBe(true);
    expect(given).toBeLessThan(34);
    // Out at most: two chunks per worker, the rest of the batch being handed out and the batch read ahead.
    expect(mostAhead).toBeLessThanOrEqual(2 * 2 * 250 + 2 * 1000);
    pool.close();
  });

  it('a stream that fails rejects the scan', async () => {
    const pool = createScanPool({ createWorker: fakeWorkers().factory, size: 2 });
    const stream: CandidateStream = { next: () => Promise.reject(new Error('EIO: read failed')), progress: 0, close() {} };
    await expect(pool.scan(CHECKS, stream)).rejects.toThrow('EIO');
    pool.close();
  });

  it('an empty list ends at once', async () => {
    const pool = createScanPool({ createWorker: fakeWorkers().factory, size: 2 });
    expect(await pool.scan(CHECKS, [])).toMatchObject({ found: false, attempts: 0 });
    pool.close();
  });

  it('a worker error rejects the scan', async () => {
    const pool = createScanPool({ createWorker: fakeWorkers({ failOnChunk: true }).factory, size: 2 });
    await expect(pool.scan(CHECKS, fillers(10))).rejects.toThrow('boom');
    pool.close();
  });
});

describe('scan pool on Node worker_threads (cli/scan-node.ts, bundled as the CLI would be)', () => {
  let dir = '';
  let entry: URL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scan-node-'));
    const outfile = join(dir, 'scan-node.mjs');
    await build({ entryPoints: [join(import.meta.dirname, '../../cli/scan-node.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    // The workers run the bundle (plain JS); this thread uses the module itself.
    entry = pathToFileURL(outfile);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the secret with two threads, reports progress, and cancels', async () => {
    const pool = createNodeScanPool({ size: 2, entry, chunkSize: 1000, progressInterval: 0 });
    try {
      const list = [...fillers(6000), SECRET];
      const progress: number[] = [];
      const result = await pool.scan(CHECKS, list, { onProgress: (p) => progress.push(p.attempts) });
      expect(result).toMatchObject({ found: true, index: 6000, secret: SECRET });
      expect(result.check).toBe(CHECKS[0]);
      expect(progress.length).toBeGreaterThan(0);

      const controller = new AbortController();
      const cancelled = await pool.scan(CHECKS, [...fillers(200_000), SECRET], { signal: controller.signal, onProgress: () => controller.abort() });
      expect(cancelled).toMatchObject({ found: false, cancelled: true });
      expect(cancelled.attempts).toBeLessThan(200_000);
    } finally {
      pool.close();
    }
  }, 60_000);
});
