import type { HmacCheck } from '../crypto/hmac-check';
import type { Secret } from '../types';
import { loadScanWasm } from './engine-wasm';
import { candidateAt, createScanner, type CandidateList, type ScanEngineName, type Scanner, type ScannerOptions } from './scanner';
import { inOrder, serveInDedicatedWorker } from './serve-worker';
import { WordlistEntries } from './wordlist';

/**
 * The worker side of the scan pool. Loaded as a module Web Worker this file serves requests by itself:
 *
 *     new Worker(new URL('../lib/scan/scan-worker.ts', import.meta.url), { type: 'module' })
 *
 * Node's `worker_threads` adapter (cli/scan-node.ts) wires `createScanWorkerHandler` to its parent port.
 * Everything in the messages is structured-cloneable: checks are plain data, candidates strings or bytes, or
 * the bytes of whole wordlist lines, which the worker parses itself (in parallel with the others, no string
 * made per line).
 */

export type ScanWorkerRequest =
  /** Use these checks for the chunks that follow. */
  | { type: 'init'; checks: HmacCheck[]; engine?: ScannerOptions['engine'] }
  /** Test `candidates`. */
  | { type: 'chunk'; id: number; candidates: Secret[] }
  /** Parse and test these whole lines of a wordlist (see `WordlistChunker`). */
  | { type: 'lines'; id: number; lines: Uint8Array };

export type ScanWorkerResponse =
  | { type: 'ready'; engine: ScanEngineName }
  /**
   * `entries`: candidates the chunk held (`skippedLines`: lines over the limit); `count`: those tested; `index`:
   * the first that passes, within the chunk (-1: none), `secret` it, `checkIndex` the check it passes.
   */
  | { type: 'chunk'; id: number; entries: number; skippedLines: number; count: number; index: number; secret?: Secret; checkIndex: number; seconds: number }
  | { type: 'error'; id?: number; message: string };

/** Handles requests in order (chunks wait for the `init` before them); answers through `post`. */
export function createScanWorkerHandler(post: (response: ScanWorkerResponse) => void): (request: ScanWorkerRequest) => void {
  let scanner: Scanner | null = null;
  const entries = new WordlistEntries();
  return inOrder(async (request: ScanWorkerRequest): Promise<void> => {
    try {
      if (request.type === 'init') {
        await loadScanWasm();
        scanner = createScanner(request.checks, request.engine ? { engine: request.engine } : {});
        post({ type: 'ready', engine: scanner.engine });
        return;
      }
      if (!scanner) throw new Error('scan worker: chunk before init');
      const started = performance.now();
      const { id } = request;
      let candidates: CandidateList = [];
      if (request.type === 'chunk') candidates = request.candidates;
      else {
        entries.parse(request.lines);
        candidates = entries;
      }
      const found = scanner.findFirst(candidates);
      const secret = found >= 0 ? candidateAt(candidates, found) : undefined;
      post({
        type: 'chunk',
        id,
        entries: candidates.length,
        skippedLines: request.type === 'lines' ? entries.skippedLines : 0,
        count: found >= 0 ? found + 1 : candidates.length,
        index: found,
        ...(secret !== undefined ? { secret } : {}),
        checkIndex: secret !== undefined ? scanner.testIndex(secret) : -1,
        seconds: (performance.now() - started) / 1000,
      });
    } catch (error) {
      post({ type: 'error', ...(request.type !== 'init' ? { id: request.id } : {}), message: error instanceof Error ? error.message : String(error) });
    }
  });
}

serveInDedicatedWorker<ScanWorkerRequest>(createScanWorkerHandler);
