import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanPool } from '../lib/scan/pool';
import type { ScanProgress, ScanResult } from '../lib/scan/scanner';
import type { WordlistCounts, WordlistReader } from '../lib/scan/wordlist';
import type { CookieInput } from '../lib/types';

export type WordlistScanState =
  | { phase: 'idle' }
  | { phase: 'scanning'; fileName: string; progress: ScanProgress | null }
  | { phase: 'done'; fileName: string; cookieName: string; result: ScanResult; counts: WordlistCounts; threads: number }
  | { phase: 'error'; message: string };

export interface WordlistScanControls {
  state: WordlistScanState;
  start(cookieName: string, file: File): void;
  cancel(): void;
}

/**
 * Wordlist scans on one Web Worker per core; the pool lives as long as the page. The scanner and every format's
 * reader load with the first scan, not with the page.
 */
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
        const [{ createScanPool, webWorkerPort }, { findScanTarget, scanTarget }, { readWordlistFile }] = await Promise.all([
          import('../lib/scan/pool'),
          import('../lib/scan/target'),
          import('../lib/scan/wordlist'),
        ]);
        const target = findScanTarget(cookies, { name: cookieName });
        if (!target) {
          setState({ phase: 'error', message: `${cookieName} carries no HMAC signature a wordlist can be tried against.` });
          return;
        }
        pool.current ??= createScanPool({
          size: navigator.hardwareConcurrency || 2,
          createWorker: () => webWorkerPort(new Worker(new URL('../lib/scan/scan-worker.ts', import.meta.url), { type: 'module' })),
        });
        const scanPool = pool.current;
        setState({ phase: 'scanning', fileName: file.name, progress: null });
        // The file is read again for each pass; this thread only cuts it into chunks of whole lines, which the scan
        // workers parse as they test them.
        let reader: WordlistReader | null = null;
        const list = () => (reader = readWordlistFile(file));
        const result = await scanTarget(target, list, (checks, candidates, options) => scanPool.scan(checks, candidates, options), {
          signal: controller.signal,
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState({ phase: 'scanning', fileName: file.name, progress });
          },
        });
        if (running.current === controller) setState({ phase: 'done', fileName: file.name, cookieName, result, counts: { ...reader!.counts }, threads: scanPool.size });
      })().catch((error: unknown) => {
        if (running.current === controller) setState({ phase: 'error', message: `The scan stopped: ${error instanceof Error ? error.message : String(error)}` });
      });
    },
    [cookies],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  return { state, start, cancel };
}
