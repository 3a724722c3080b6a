import type { HmacCheck } from '../crypto/hmac-check';
import type { Secret } from '../types';
import { candidateStream, progressOf, shareTested, type CandidateBatch, type Candidates, type CandidateStream, type ScanOptions, type ScanResult } from './scanner';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scan-worker';

/**
 * Splits a candidate list across N workers (one per core) running scan-worker.ts. Workers are made by
 * an injected factory so this module stays platform-neutral: Web Workers in the extension, Node's
 * `worker_threads` in the CLI (cli/scan-node.ts), or an in-process fake in tests.
 *
 * The list goes out in chunks, two in flight per worker, so fast workers take more; when a chunk finds
 * the secret no more chunks go out, and the result waits for the chunks before it, so the answer is the
 * first match in list order, as a single-threaded scan would give. A list being read (a `CandidateStream`)
 * is read a batch ahead of the chunks out, no further: memory stays bounded whatever its length. A batch of
 * wordlist lines goes out whole and is parsed by the worker that tests it: how many entries a chunk held is
 * known when it comes back, so list positions are counted from the chunks done in order.
 */

/** How a page or the pool talks to one worker. */
export interface WorkerPort<Request, Response> {
  post(request: Request): void;
  /** Called once, right after the worker is made. */
  listen(onMessage: (response: Response) => void, onError: (error: unknown) => void): void;
  terminate(): void;
}

export type ScanWorkerPort = WorkerPort<ScanWorkerRequest, ScanWorkerResponse>;

export type ScanWorkerFactory = (index: number) => ScanWorkerPort;

export interface ScanPoolOptions {
  createWorker: ScanWorkerFactory;
  /** Workers to run: `navigator.hardwareConcurrency` in browsers, `os.availableParallelism()` in Node. */
  size: number;
  /** Largest number of candidates per message (default 8192: tens of milliseconds of work); chunks shrink towards the end. */
  chunkSize?: number;
  /** Least milliseconds between two `onProgress` calls (default 100; 0: after every chunk). */
  progressInterval?: number;
  /** Engine the workers use (default `auto`: WebAssembly SIMD where it loads). */
  engine?: 'auto' | 'js' | 'wasm';
}

export interface ScanPool {
  readonly size: number;
  /** Tests the candidates against the checks of one cookie on every worker. One scan at a time: later calls wait. */
  scan(checks: readonly HmacCheck[], candidates: Candidates, options?: ScanOptions): Promise<ScanResult>;
  /** Terminates the workers; a later scan makes new ones. */
  close(): void;
}

/** A `WorkerPort` over a Web Worker (or anything with the same three members). */
export function webWorkerPort<Request = ScanWorkerRequest, Response = ScanWorkerResponse>(worker: {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}): WorkerPort<Request, Response> {
  return {
    post: (request) => worker.postMessage(request),
    listen(onMessage, onError) {
      worker.addEventListener('message', (event: MessageEvent) => onMessage(event.data as Response));
      worker.addEventListener('error', (event: ErrorEvent) => onError(event.error ?? new Error(event.message || 'worker failed')));
    },
    terminate: () => worker.terminate(),
  };
}

interface Slot {
  port: ScanWorkerPort;
  inFlight: number;
}

interface Job {
  checks: readonly HmacCheck[];
  stream: CandidateStream;
  options: ScanOptions;
  started: number;
  /** The batch being handed out in chunks and how far it is out (a batch of lines goes out whole). */
  batch: CandidateBatch;
  offset: number;
  /** The batch read ahead, a stream read under way, the stream's end reached; candidates read so far. */
  ahead: CandidateBatch | null;
  reading: boolean;
  ended: boolean;
  read: number;
  /** Chunks out and not back, by id (ids go up in list order): whether it holds wordlist lines. */
  pending: Map<number, boolean>;
  /** Every chunk before `prefixId` is back, holding `prefixEntries` candidates; chunks back after a gap, by id. */
  prefixId: number;
  prefixEntries: number;
  backAfterGap: Map<number, number>;
  attempts: number;
  lastProgress: number;
  /** The first match so far: its chunk, its index there. */
  best: { id: number; index: number; checkIndex: number; secret: Secret } | null;
  done: (result: ScanResult) => void;
  fail: (error: unknown) => void;
  finished: boolean;
  onAbort: () => void;
}

const IN_FLIGHT = 2;

/** Chunks a batch makes at most: a batch of wordlist lines is one. */
function units(batch: CandidateBatch): number {
  return batch instanceof Uint8Array ? 1 : batch.length;
}
/** Smallest chunk sent while others are still out (the last one may be smaller). */
const MIN_CHUNK = 256;

export function createScanPool(options: ScanPoolOptions): ScanPool {
  const size = Math.max(1, Math.floor(options.size) || 1);
  const chunkSize = Math.max(1, options.chunkSize ?? 8192);
  const progressInterval = options.progressInterval ?? 100;
  let slots: Slot[] | null = null;
  let job: Job | null = null;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const seconds = (current: Job) => (performance.now() - current.started) / 1000;

  const finish = (current: Job, result: ScanResult | { error: unknown }) => {
    if (current.finished) return;
    current.finished = true;
    current.stream.close();
    current.options.signal?.removeEventListener('abort', current.onAbort);
    if (job === current) job = null;
    if ('error' in result) current.fail(result.error);
    else current.done(result);
  };

  const dispatch = (current: Job, slot: Slot) => {
    while (slot.inFlight < IN_FLIGHT && current.best === null) {
      const batch = current.batch;
      if (current.offset >= units(batch)) {
        if (!current.ahead) break;
        current.batch = current.ahead;
        current.offset = 0;
        current.ahead = null;
        continue;
      }
      const id = nextId++;
      current.pending.set(id, batch instanceof Uint8Array);
      slot.inFlight++;
      if (batch instanceof Uint8Array) {
        current.offset = 1;
        slot.port.post({ type: 'lines', id, lines: batch });
        continue;
      }
      const start = current.offset;
      const remaining = batch.length - start;
      // Guided self-scheduling on the last batch: chunks shrink towards the end so that the workers finish together.
      const last = current.ended && !current.ahead;
      const length = last ? Math.min(chunkSize, Math.max(MIN_CHUNK, Math.ceil(remaining / (size * 2 * IN_FLIGHT)))) : Math.min(chunkSize, remaining);
      const end = Math.min(batch.length, start + length);
      current.offset = end;
      slot.port.post({ type: 'chunk', id, candidates: batch.slice(start, end) });
    }
    readAhead(current);
  };

  /** Reads the next batch while the workers test this one (one batch ahead at most). */
  const readAhead = (current: Job) => {
    if (current.reading || current.ended || current.ahead || current.best || current.finished) return;
    current.reading = true;
    current.stream.next().then(
      (batch) => {
        current.reading = false;
        if (current.finished) return;
        if (batch === null) current.ended = true;
        else {
          current.ahead = batch;
          if (!(batch instanceof Uint8Array)) current.read += batch.length;
        }
        for (const slot of slots ?? []) dispatch(current, slot);
        readAhead(current);
        settle(current);
      },
      (error: unknown) => finish(current, { error }),
    );
  };

  const settle = (current: Job) => {
    if (current.best) {
      // Done once every chunk before the match is back.
      const { id, index, checkIndex, secret } = current.best;
      if (current.prefixId < id) return;
      finish(current, { found: true, index: current.prefixEntries + index, secret, check: current.checks[checkIndex]!, attempts: current.attempts, seconds: seconds(current) });
      return;
    }
    if (current.pending.size === 0 && current.ended && !current.ahead && current.offset >= units(current.batch)) {
      report(current, true);
      finish(current, { found: false, attempts: current.attempts, seconds: seconds(current) });
    }
  };

  /** Counts a chunk back in the prefix of chunks done in order, up to the match's chunk. */
  const chunkDone = (current: Job, id: number, entries: number) => {
    const back = current.backAfterGap;
    back.set(id, entries);
    while (back.has(current.prefixId) && (current.best === null || current.prefixId < current.best.id)) {
      current.prefixEntries += back.get(current.prefixId)!;
      back.delete(current.prefixId++);
    }
  };

  const report = (current: Job, force = false) => {
    const { onProgress } = current.options;
    if (!onProgress) return;
    const now = performance.now();
    if (!force && now - current.lastProgress < progressInterval) return;
    current.lastProgress = now;
    onProgress(progressOf(current.attempts, shareTested(current.attempts, current.read, current.stream.progress), seconds(current)));
  };

  const onMessage = (slot: Slot, response: ScanWorkerResponse) => {
    if (response.type === 'ready') return;
    const current = job;
    if (response.type === 'error') {
      if (response.id !== undefined) slot.inFlight--;
      if (current && (response.id === undefined || current.pending.has(response.id))) finish(current, { error: new Error(response.message) });
      return;
    }
    slot.inFlight--;
    // A chunk of a scan that already ended (found, cancelled): its worker is free again, nothing else.
    if (!current || !current.pending.has(response.id)) {
      if (current) dispatch(current, slot);
      return;
    }
    const lines = current.pending.get(response.id);
    current.pending.delete(response.id);
    current.attempts += response.count;
    if (lines) {
      current.read += response.entries;
      current.stream.counted?.(response.entries, response.skippedLines);
    }
    if (response.index >= 0 && response.secret !== undefined && (current.best === null || response.id < current.best.id)) {
      current.best = { id: response.id, index: response.index, checkIndex: response.checkIndex, secret: response.secret };
    }
    chunkDone(current, response.id, response.entries);
    report(current);
    dispatch(current, slot);
    settle(current);
  };

  const onError = (slot: Slot, error: unknown) => {
    // Only a live worker's failure counts (not one of a closed pool); make new ones on the next scan.
    if (!slots?.includes(slot)) return;
    for (const other of slots) other.port.terminate();
    slots = null;
    if (job) finish(job, { error });
  };

  const ensureWorkers = (): Slot[] => {
    if (slots) return slots;
    const made: Slot[] = [];
    for (let i = 0; i < size; i++) {
      const slot: Slot = { port: options.createWorker(i), inFlight: 0 };
      slot.port.listen(
        (response) => onMessage(slot, response),
        (error) => onError(slot, error),
      );
      made.push(slot);
    }
    slots = made;
    return made;
  };

  const run = (checks: readonly HmacCheck[], candidates: Candidates, scanOptions: ScanOptions): Promise<ScanResult> =>
    new Promise<ScanResult>((resolve, reject) => {
      const started = performance.now();
      const stream = candidateStream(candidates);
      if (scanOptions.signal?.aborted) {
        stream.close();
        resolve({ found: false, attempts: 0, seconds: 0, cancelled: true });
        return;
      }
      const current: Job = {
        checks,
        stream,
        options: scanOptions,
        started,
        batch: [],
        offset: 0,
        ahead: null,
        reading: false,
        ended: false,
        read: 0,
        pending: new Map(),
        prefixId: nextId,
        prefixEntries: 0,
        backAfterGap: new Map(),
        attempts: 0,
        lastProgress: started,
        best: null,
        done: resolve,
        fail: reject,
        finished: false,
        onAbort: () => finish(current, { found: false, attempts: current.attempts, seconds: seconds(current), cancelled: true }),
      };
      scanOptions.signal?.addEventListener('abort', current.onAbort);
      let workers: Slot[];
      try {
        workers = ensureWorkers();
      } catch (error) {
        finish(current, { error });
        return;
      }
      job = current;
      const init: ScanWorkerRequest = { type: 'init', checks: [...checks], ...(options.engine ? { engine: options.engine } : {}) };
      for (const slot of workers) slot.port.post(init);
      readAhead(current);
    });

  return {
    size,
    scan(checks, candidates, scanOptions = {}) {
      const result = queue.then(() => run(checks, candidates, scanOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      if (slots) for (const slot of slots) slot.port.terminate();
      slots = null;
      if (job) finish(job, { error: new Error('scan pool closed') });
    },
  };
}
