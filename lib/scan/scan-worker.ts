import type { HmacCheck } from '../crypto/hmac-check';
import type { Secret } from '../types';
import { loadScanWasm } from './engine-wasm';
import { createScanner, type ScanEngineName, type Scanner, type ScannerOptions } from './scanner';
import { inOrder, serveInDedicatedWorker } from './serve-worker';

/**
 * The worker side of the scan pool. Loaded as a module Web Worker this file serves requests by itself:
 *
 *     new Worker(new URL('../lib/scan/scan-worker.ts', import.meta.url), { type: 'module' })
 *
 * Node's `worker_threads` adapter (cli/scan-node.ts) wires `createScanWorkerHandler` to its parent port.
 * Everything in the messages is structured-cloneable: checks are plain data, candidates strings or bytes.
 */

export type ScanWorkerRequest =
  /** Use these checks for the chunks that follow. */
  | { type: 'init'; checks: HmacCheck[]; engine?: ScannerOptions['engine'] }
  /** Test `candidates`, which are `start..start+length` of the whole list. */
  | { type: 'chunk'; id: number; start: number; candidates: Secret[] };

export type ScanWorkerResponse =
  | { type: 'ready'; engine: ScanEngineName }
  /** `index`: absolute index of the first candidate that passes (-1: none), `checkIndex` the check it passes. */
  | { type: 'chunk'; id: number; start: number; count: number; index: number; checkIndex: number; seconds: number }
  | { type: 'error'; id?: number; message: string };

/** Handles requests in order (chunks wait for the `init` before them); answers through `post`. */
export function createScanWorkerHandler(post: (response: ScanWorkerResponse) => void): (request: ScanWorkerRequest) => void {
  let scanner: Scanner | null = null;
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
      const { candidates, start, id } = request;
      const found = scanner.findFirst(candidates);
      const count = found >= 0 ? found + 1 : candidates.length;
      const checkIndex = found >= 0 ? scanner.testIndex(candidates[found]!) : -1;
      post({ type: 'chunk', id, start, count, index: found >= 0 ? start + found : -1, checkIndex, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      post({ type: 'error', ...(request.type === 'chunk' ? { id: request.id } : {}), message: error instanceof Error ? error.message : String(error) });
    }
  });
}

serveInDedicatedWorker<ScanWorkerRequest>(createScanWorkerHandler);
