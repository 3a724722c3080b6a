// @vitest-environment node
// (Node's File has stream(), as browsers' do; happy-dom's has not.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { HmacCheck } from '../../lib/crypto/hmac-check';
import { loadScanWasm } from '../../lib/scan/engine-wasm';
import { createScanPool } from '../../lib/scan/pool';
import { createScanWorkerHandler, type ScanWorkerRequest, type ScanWorkerResponse } from '../../lib/scan/scan-worker';
import { createWordlistWorkerHandler, wordlistFromWorker, type WordlistWorkerPort, type WordlistWorkerRequest, type WordlistWorkerResponse } from '../../lib/scan/wordlist-worker';
import type { WorkerPort } from '../../lib/scan/pool';
import { loadFixtures } from '../fixtures';
import { checksOf } from '../scan-helpers';

const CHECKS: HmacCheck[] = checksOf(loadFixtures('flask.json').cases.find((c) => c.id === 'flask-plain')!)!;
const SECRET = 's3cr3t-flask-key';

/** A worker in this thread: the real handler behind structured-cloned, asynchronous messages. */
function inProcess<Request, Response>(handler: (post: (response: Response) => void) => (request: Request) => void) {
  const log = { requests: [] as Request[], terminated: 0 };
  const make = (): WorkerPort<Request, Response> => {
    let listener: ((response: Response) => void) | null = null;
    let alive = true;
    const handle = handler((response) => {
      const copy = structuredClone(response);
      setTimeout(() => alive && listener?.(copy), 0);
    });
    return {
      post(request) {
        log.requests.push(request);
        const copy = structuredClone(request);
        setTimeout(() => alive && handle(copy), 0);
      },
      listen: (onMessage) => (listener = onMessage),
      terminate() {
        alive = false;
        log.terminated++;
      },
    };
  };
  return { make, log };
}

beforeAll(async () => {
  await loadScanWasm();
});

describe('wordlist reader worker', () => {
  it('reads a File on its worker and feeds the scan pool, which finds the key and reports the counts', async () => {
    const lines = [...Array.from({ length: 30_000 }, (_, i) => `'filler-${i}'`), 'x'.repeat(70_000), `b'${SECRET}'`, 'after'];
    const file = new File([lines.join('\r\n')], 'words.txt');
    const reader = inProcess<WordlistWorkerRequest, WordlistWorkerResponse>(createWordlistWorkerHandler);
    const scanners = inProcess<ScanWorkerRequest, ScanWorkerResponse>(createScanWorkerHandler);
    const pool = createScanPool({ createWorker: scanners.make, size: 2 });
    const list = wordlistFromWorker(reader.make() as WordlistWorkerPort, file);
    const result = await pool.scan(CHECKS, list);
    expect(result).toMatchObject({ found: true, index: 30_000, attempts: 30_001 });
    expect(result.secret).toEqual(new TextEncoder().encode(SECRET));
    expect(list.counts).toMatchObject({ skippedLines: 1 });
    expect(list.counts.entries).toBeGreaterThanOrEqual(30_001);
    // Found: reading stopped and the worker is gone.
    expect(reader.log.terminated).toBe(1);
    expect(reader.log.requests[0]).toMatchObject({ type: 'open' });
    pool.close();
  });

  it('goes to the end of a list without the key, with every entry counted', async () => {
    const file = new File([Array.from({ length: 20_000 }, (_, i) => `w${i}`).join('\n')], 'words.txt');
    const reader = inProcess<WordlistWorkerRequest, WordlistWorkerResponse>(createWordlistWorkerHandler);
    const scanners = inProcess<ScanWorkerRequest, ScanWorkerResponse>(createScanWorkerHandler);
    const pool = createScanPool({ createWorker: scanners.make, size: 2 });
    const list = wordlistFromWorker(reader.make(), file);
    expect(await pool.scan(CHECKS, list)).toMatchObject({ found: false, attempts: 20_000 });
    expect(list.counts).toEqual({ bytes: file.size, entries: 20_000, skippedLines: 0 });
    expect(list.progress).toBe(1);
    expect(reader.log.terminated).toBe(1);
    pool.close();
  });
});
