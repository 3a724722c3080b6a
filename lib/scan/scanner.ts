import type { HmacCheck } from '../crypto/hmac-check';
import type { Secret } from '../types';
import { JsEngine } from './engine-js';
import { WasmEngine, loadedScanWasm } from './engine-wasm';
import { WordlistEntries } from './wordlist';

/**
 * The scan core: tests many candidate secrets against the HMAC checks of one cookie, with the engine of
 * engine-js.ts or engine-wasm.ts (both over the plans of plan.ts), a chunk at a time between event-loop turns.
 */

export type ScanEngineName = 'js' | 'wasm';

export interface ScanProgress {
  /** Candidates tested so far (each against every check). */
  attempts: number;
  /** Share of the whole job done, 0..1 (for a list still being read, estimated from the share read). */
  fraction: number;
  seconds: number;
  /** Attempts per second so far. */
  rate: number;
  /** Estimated seconds left at the current rate, or null before there is a rate. */
  remainingSeconds: number | null;
}

/**
 * A batch of candidates: secrets, or a chunk of whole lines of a wordlist file (see `WordlistChunker`), which is
 * parsed where it is tested.
 */
export type CandidateBatch = readonly Secret[] | Uint8Array;

/** Candidates by position: secrets, or a wordlist chunk's parsed entries. */
export type CandidateList = readonly Secret[] | WordlistEntries;

/** Candidate i of a list. */
export function candidateAt(list: CandidateList, i: number): Secret {
  return list instanceof WordlistEntries ? list.secret(i) : list[i]!;
}

/**
 * Candidates in list order, a batch at a time, read only as the scan asks for them (a wordlist file), so a
 * list of any size takes bounded memory.
 */
export interface CandidateStream {
  /** The next batch (possibly empty), or null after the last. */
  next(): Promise<CandidateBatch | null>;
  /** Share of the list handed out so far, 0..1. */
  readonly progress: number;
  /** Told what each chunk of lines held, once parsed. */
  counted?(entries: number, skippedLines: number): void;
  /** Stops reading (the scan ended early). */
  close(): void;
}

/** A list in memory, or one read as the scan goes. */
export type Candidates = readonly Secret[] | CandidateStream;

/** The candidates as a stream: a list in memory is one batch. */
export function candidateStream(candidates: Candidates): CandidateStream {
  if (!Array.isArray(candidates)) return candidates as CandidateStream;
  const list = candidates as readonly Secret[];
  let given = false;
  return {
    get progress() {
      return given ? 1 : 0;
    },
    next: async () => {
      if (given) return null;
      given = true;
      return list;
    },
    close() {},
  };
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
}

export interface ScanResult {
  found: boolean;
  /** Index of the secret in the candidate list. */
  index?: number;
  secret?: Secret;
  /** The first check (in the scanner's order) the secret passes. */
  check?: HmacCheck;
  /** Candidates tested (each against every check). */
  attempts: number;
  seconds: number;
  /** Stopped by the abort signal before the end of the list. */
  cancelled?: boolean;
}

export interface Scanner {
  readonly engine: ScanEngineName;
  readonly checks: readonly HmacCheck[];
  /** The first check (in order) the secret passes, or null. */
  test(secret: Secret): HmacCheck | null;
  /** Index of the first check the secret passes, or -1. */
  testIndex(secret: Secret): number;
  /** Index of the first candidate in `candidates[start..end)` that passes any check, or -1. */
  findFirst(candidates: CandidateList, start?: number, end?: number): number;
  /** Tests the candidates in order in chunks of ~50 ms, yielding to the event loop between chunks. */
  scan(candidates: Candidates, options?: ScanOptions): Promise<ScanResult>;
}

export interface ScannerOptions {
  /**
   * `auto` (default): WebAssembly when `loadScanWasm()` has compiled it and it can be instantiated here, else JS.
   * With no SHA-1 check there is nothing for WebAssembly to do and every engine is JS.
   */
  engine?: ScanEngineName | 'auto';
}

/** A scanner for the checks of one cookie. Synchronous; call `await loadScanWasm()` first to get the SIMD engine. */
export function createScanner(checks: readonly HmacCheck[], options: ScannerOptions = {}): Scanner {
  const engine = options.engine ?? 'auto';
  const js = new JsEngine(checks);
  let wasm: WasmEngine | null = null;
  if (engine !== 'js' && checks.some((check) => check.digest === 'sha1')) {
    const module = loadedScanWasm();
    if (module) {
      try {
        wasm = new WasmEngine(checks, module, js);
      } catch (error) {
        if (engine === 'wasm') throw error;
      }
    } else if (engine === 'wasm') {
      throw new Error('The WebAssembly scan engine is not loaded: await loadScanWasm() first.');
    }
  }
  const findFirst = (candidates: CandidateList, start = 0, end = candidates.length): number => {
    if (wasm) return wasm.findFirst(candidates, start, end);
    for (let i = start; i < end; i++) if (js.test(candidateAt(candidates, i)) >= 0) return i;
    return -1;
  };
  const scanner: Scanner = {
    engine: wasm ? 'wasm' : 'js',
    checks,
    testIndex: (secret) => js.test(secret),
    test: (secret) => checks[js.test(secret)] ?? null,
    findFirst,
    scan: (candidates, scanOptions) => runScan(scanner, candidates, scanOptions),
  };
  return scanner;
}

const CHUNK_MS = 50;

function now(): number {
  return performance.now();
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function runScan(scanner: Scanner, candidates: Candidates, options: ScanOptions = {}): Promise<ScanResult> {
  const started = now();
  const seconds = () => (now() - started) / 1000;
  const stream = candidateStream(candidates);
  const entries = new WordlistEntries();
  let chunk = 1024;
  /** Candidates tested, and handed out by the stream (all but the current batch's rest tested). */
  let attempts = 0;
  let read = 0;
  try {
    for (let next = await stream.next(); next !== null; next = await stream.next()) {
      const batch = next instanceof Uint8Array ? parsed(entries, next, stream) : next;
      read += batch.length;
      for (let at = 0; at < batch.length; ) {
        if (options.signal?.aborted) return { found: false, attempts, seconds: seconds(), cancelled: true };
        const chunkStart = now();
        const end = Math.min(batch.length, at + chunk);
        const index = scanner.findFirst(batch, at, end);
        if (index >= 0) {
          const secret = candidateAt(batch, index);
          return { found: true, index: attempts + index - at, secret, check: scanner.test(secret)!, attempts: attempts + index - at + 1, seconds: seconds() };
        }
        const elapsed = now() - chunkStart;
        attempts += end - at;
        at = end;
        // Aim at CHUNK_MS per chunk: responsive to the abort signal, yet few yields.
        chunk = Math.max(256, Math.min(chunk * 4, Math.round((chunk * CHUNK_MS) / Math.max(elapsed, 1))));
        options.onProgress?.(progressOf(attempts, shareTested(attempts, read, stream.progress), seconds()));
        await yieldToEventLoop();
      }
    }
  } finally {
    stream.close();
  }
  return { found: false, attempts, seconds: seconds() };
}

/** A chunk of wordlist lines parsed into `entries` (reported to its stream). */
function parsed(entries: WordlistEntries, lines: Uint8Array, stream: CandidateStream): WordlistEntries {
  entries.parse(lines);
  stream.counted?.(entries.length, entries.skippedLines);
  return entries;
}

/** Progress with rate and time left. */
export function progressOf(attempts: number, fraction: number, seconds: number): ScanProgress {
  const rate = seconds > 0 ? attempts / seconds : 0;
  return { attempts, fraction, seconds, rate, remainingSeconds: fraction > 0 && seconds > 0 ? (seconds * (1 - fraction)) / fraction : null };
}

/** Share of a list tested: the tested share of the candidates read so far, times the share of the list they are. */
export function shareTested(attempts: number, read: number, readShare: number): number {
  return read > 0 ? Math.min(1, (attempts / read) * readShare) : readShare;
}
