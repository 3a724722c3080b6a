import { useCallback, useEffect, useRef, useState } from 'react';
import { findScanTarget } from '../lib/decode';
import { createScanPool, webWorkerPort, type ScanPool } from '../lib/secrets/scan-pool';
import type { ScanProgress, ScanResult } from '../lib/secrets/scan';
import { scanTarget } from '../lib/secrets/scan-target';
import { parseWordlist } from '../lib/secrets/wordlist';
import type { CookieInput } from '../lib/types';

export type WordlistScanState =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'scanning'; fileName: string; candidates: number; progress: ScanProgress | null }
  | { phase: 'done'; fileName: string; cookieName: string; result: ScanResult; threads: number }
  | { phase: 'error'; message: string };

export interface WordlistScanControls {
  state: WordlistScanState;
  start(cookieName: string, file: File): void;
  cancel(): void;
}

/** Wordlist scans on one Web Worker per core; the pool lives as long as the page. */
export function useWordlistScan(cookies: readonly CookieInput[]): WordlistScanControls {
  const [state, setState] = useState<WordlistScanState>({ phase: 'idle' });
  const pool = useRef<ScanPool | null>(null);
  const running = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      running.current?.abort();
      pool.current?.close();
    },
    [],
  );

  const start = useCallback(
    (cookieName: string, file: File) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      void (async () => {
        setState({ phase: 'reading', fileName: file.name });
        const candidates = parseWordlist(await file.text());
        const target = findScanTarget(cookies, { name: cookieName });
        if (!target) {
          setState({ phase: 'error', message: `${cookieName} carries no HMAC signature a wordlist can be tried against.` });
          return;
        }
        pool.current ??= createScanPool({
          size: navigator.hardwareConcurrency || 2,
          createWorker: () => webWorkerPort(new Worker(new URL('../lib/secrets/scan-worker.ts', import.meta.url), { type: 'module' })),
        });
        const scanPool = pool.current;
        setState({ phase: 'scanning', fileName: file.name, candidates: candidates.length, progress: null });
        const result = await scanTarget(target, candidates, (checks, list, options) => scanPool.scan(checks, list, options), {
          signal: controller.signal,
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState({ phase: 'scanning', fileName: file.name, candidates: candidates.length, progress });
          },
        });
        if (running.current === controller) setState({ phase: 'done', fileName: file.name, cookieName, result, threads: scanPool.size });
      })().catch((error: unknown) => {
        if (running.current === controller) setState({ phase: 'error', message: `The scan stopped: ${error instanceof Error ? error.message : String(error)}` });
      });
    },
    [cookies],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  return { state, start, cancel };
}
