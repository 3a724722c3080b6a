import type { Secret } from '../types';
import type { WorkerPort } from './pool';
import { readWordlist, type WordlistCounts, type WordlistReader } from './wordlist';
import { inOrder, serveInDedicatedWorker } from './serve-worker';

/**
 * Reads and parses a wordlist file off the page's thread. The page hands the worker the File (a Blob is
 * structured-cloneable and nothing is read to pass it) and pulls batches as the scan pool needs them, so
 * neither thread ever holds the whole text. Loaded as a module Web Worker this file serves requests by itself:
 *
 *     new Worker(new URL('../lib/scan/wordlist-worker.ts', import.meta.url), { type: 'module' })
 */

export type WordlistWorkerRequest =
  /** Start reading this file. */
  | { type: 'open'; file: Blob }
  /** The next batch of the file. */
  | { type: 'next' };

export type WordlistWorkerResponse =
  /** `secrets: null`: the end of the file. */
  | { type: 'batch'; secrets: Secret[] | null; progress: number; counts: WordlistCounts }
  | { type: 'error'; message: string };

/** How the page talks to the reader worker (a Web Worker, or the handler itself in tests). */
export type WordlistWorkerPort = WorkerPort<WordlistWorkerRequest, WordlistWorkerResponse>;

/** A Blob's bytes, a chunk at a time (the reader releases its lock when iteration stops early). */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) yield chunk.value;
  } finally {
    await reader.cancel();
  }
}

/** A wordlist file read as the scan goes (see `readWordlist`). */
function readWordlistFile(file: Blob): WordlistReader {
  return readWordlist(blobChunks(file), file.size);
}

/** Handles requests in order; answers through `post`. */
export function createWordlistWorkerHandler(post: (response: WordlistWorkerResponse) => void): (request: WordlistWorkerRequest) => void {
  let reader: WordlistReader | null = null;
  return inOrder(async (request: WordlistWorkerRequest): Promise<void> => {
    try {
      if (request.type === 'open') {
        reader = readWordlistFile(request.file);
        return;
      }
      if (!reader) throw new Error('wordlist worker: next before open');
      const batch = await reader.next();
      post({ type: 'batch', secrets: batch && [...batch], progress: reader.progress, counts: { ...reader.counts } });
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
}

/**
 * The page's side: opens `file` on a worker of its own and gives its batches as a `WordlistReader` (one
 * `next()` at a time, as the scan pool asks); the worker ends with the list or `close()`. `counts` follow
 * the batches received.
 */
export function wordlistFromWorker(port: WordlistWorkerPort, file: Blob): WordlistReader {
  const counts: WordlistCounts = { bytes: 0, entries: 0, skippedLines: 0 };
  let progress = 0;
  let waiting: { resolve: (batch: Secret[] | null) => void; reject: (error: unknown) => void } | null = null;
  let ended = false;
  port.listen(
    (response) => {
      const current = waiting;
      waiting = null;
      if (response.type === 'error') {
        current?.reject(new Error(response.message));
        return;
      }
      Object.assign(counts, response.counts);
      progress = response.progress;
      if (response.secrets === null) stop();
      current?.resolve(response.secrets);
    },
    (error) => {
      const current = waiting;
      waiting = null;
      current?.reject(error);
    },
  );
  const stop = () => {
    ended = true;
    port.terminate();
  };
  port.post({ type: 'open', file });
  return {
    counts,
    get progress() {
      return progress;
    },
    next() {
      if (ended) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        port.post({ type: 'next' });
      });
    },
    close() {
      if (!ended) stop();
    },
  };
}

serveInDedicatedWorker<WordlistWorkerRequest>(createWordlistWorkerHandler);
