// @vitest-environment node
// (Node's File has stream(), as browsers' do; happy-dom's has not.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { HmacCheck } from '../../lib/crypto/hmac-check';
import { loadScanWasm } from '../../lib/scan/engine-wasm';
import { createScanPool } from '../../lib/scan/pool';
import { createScanWorkerHandler, type ScanWorkerRequest, type ScanWorkerResponse } from '../../lib/scan/scan-worker';
import { CHUNK_BYTES, readWordlistFile } from '../../lib/scan/wordlist';
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

describe('a wordlist file scanned on workers that parse its chunks', () => {
  const scan = async (file: Blob, workers = 2) => {
    const scanners = inProcess<ScanWorkerRequest, ScanWorkerResponse>(createScanWorkerHandler);
    const pool = createScanPool({ createWorker: scanners.make, size: workers });
    const list = readWordlistFile(file);
    try {
      return { result: await pool.scan(CHECKS, list), list, requests: scanners.log.requests };
    } finally {
      pool.close();
    }
  };

  it('finds the key after an over-long line, CRLF lines and many chunks, and reports the counts', async () => {
    const lines = [...Array.from({ length: 30_000 }, (_, i) => `'filler-${i}'`), 'x'.repeat(70_000), `b'${SECRET}'`, 'after'];
    const { result, list, requests } = await scan(new File([lines.join('\r\n')], 'words.txt'));
    expect(result).toMatchObject({ found: true, index: 30_000 });
    expect(result.secret).toEqual(new TextEncoder().encode(SECRET));
    expect(list.counts.skippedLines).toBe(1);
    expect(list.counts.entries).toBeGreaterThanOrEqual(30_001);
    // The workers got bytes of whole lines, not secrets.
    expect(requests.filter((request) => request.type === 'lines').length).toBeGreaterThan(1);
    expect(requests.some((request) => request.type === 'chunk')).toBe(false);
  });

  it('finds the key on the first line', async () => {
    const { result } = await scan(new File([`${SECRET}\n${Array.from({ length: 50_000 }, (_, i) => `w${i}`).join('\n')}`], 'words.txt'));
    expect(result).toMatchObject({ found: true, index: 0, secret: SECRET, attempts: expect.any(Number) });
  });

  it('finds the key on the last line of the last chunk, without a line end, after lines cut across chunks', async () => {
    const fillers = Array.from({ length: 120_000 }, (_, i) => `'w\\x${(i % 128).toString(16).padStart(2, '0')}-${i}'\n`);
    const file = new File([fillers.join('') + `"${SECRET}"`], 'words.txt');
    expect(file.size).toBeGreaterThan(3 * CHUNK_BYTES);
    const { result, list } = await scan(file);
    expect(result).toMatchObject({ found: true, index: 120_000, secret: SECRET });
    expect(list.counts).toMatchObject({ entries: 120_001, skippedLines: 0 });
  });

  it('goes to the end of a list without the key, with every entry counted', async () => {
    const file = new File([Array.from({ length: 20_000 }, (_, i) => `w${i}`).join('\n')], 'words.txt');
    const { result, list } = await scan(file);
    expect(result).toMatchObject({ found: false, attempts: 20_000 });
    expect(list.counts).toEqual({ bytes: file.size, entries: 20_000, skippedLines: 0 });
    expect(list.progress).toBe(1);
  });

  it('gives the first match in list order whatever chunk comes back first', async () => {
    const chunkLines = Array.from({ length: 200_000 }, (_, i) => (i === 150_000 || i === 9_000 ? `'${SECRET}'` : `w${i}`));
    for (const workers of [1, 2, 3]) {
      const { result } = await scan(new File([chunkLines.join('\n')], 'words.txt'), workers);
      expect(result).toMatchObject({ found: true, index: 9_000, secret: SECRET });
    }
  });
});
