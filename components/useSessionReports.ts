import { useEffect, useRef, useState } from 'react';
import { readDecodeResponse, type DecodeRequest, type DecodeResponse } from '../lib/decode/request';
import type { SiteSettings } from '../lib/browser/site-settings';
import type { CookieInput, DecodeOptions, SessionReport } from '../lib/types';

/** Reports together with the cookies they were made from (same order). */
interface DecodedCookies {
  cookies: CookieInput[];
  reports: SessionReport[];
}

/** The latest jar's reports, or why there are none: a plain message. */
interface SessionReports {
  decoded: DecodedCookies | null;
  error: string | null;
}

/** A safety net: the worker answers every request, but a stuck one must not leave the page saying "Decoding…". */
export const DECODE_TIMEOUT_MS = 20_000;

/**
 * Decodes the cookies with the site's settings in a worker, off the UI thread. While a newer decode runs,
 * the previous result stays on screen, so live updates do not flash a loading state.
 */
export function useSessionReports(cookies: CookieInput[] | null, settings: SiteSettings): SessionReports {
  const [result, setResult] = useState<SessionReports>({ decoded: null, error: null });
  const queue = useRef<DecodeQueue | null>(null);

  useEffect(() => {
    const created = new DecodeQueue(() => new Worker(new URL('../lib/decode/decode-worker.ts', import.meta.url), { type: 'module' }), setResult);
    queue.current = created;
    return () => created.close();
  }, []);

  useEffect(() => {
    if (cookies) queue.current?.decode(cookies, decodeOptions(settings));
  }, [cookies, settings]);

  return result;
}

function decodeOptions(settings: SiteSettings): DecodeOptions {
  return {
    secrets: settings.secrets,
    ...(settings.maxAge !== undefined ? { maxAge: settings.maxAge } : {}),
    ...(settings.salt !== undefined ? { salt: settings.salt } : {}),
  };
}

/**
 * One request in the worker and at most one waiting: a newer jar replaces the waiting one, so a site that changes
 * its cookies faster than they decode cannot pile up work. Only the newest jar's answer is shown.
 */
class DecodeQueue {
  private worker: Worker;
  private running: DecodeRequest | null = null;
  private waiting: DecodeRequest | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private newestId = 0;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly show: (result: SessionReports) => void,
  ) {
    this.worker = this.spawn();
  }

  decode(cookies: CookieInput[], options: DecodeOptions): void {
    const request: DecodeRequest = { id: ++this.newestId, cookies, options };
    if (this.running) this.waiting = request;
    else this.send(request);
  }

  close(): void {
    clearTimeout(this.timer);
    this.worker.terminate();
  }

  private spawn(): Worker {
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const response = readDecodeResponse(event.data);
      if (response) this.answered(response);
    };
    // The worker's script itself failed (it could not load, or threw outside a request).
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail('The decoder stopped unexpectedly.');
    };
    return worker;
  }

  private send(request: DecodeRequest): void {
    this.running = request;
    this.timer = setTimeout(() => this.fail(`Decoding took longer than ${DECODE_TIMEOUT_MS / 1000} seconds and was stopped.`), DECODE_TIMEOUT_MS);
    this.worker.postMessage(request);
  }

  private answered(response: DecodeResponse): void {
    const request = this.running;
    if (!request || response.id !== request.id) return;
    this.next();
    if (request.id !== this.newestId) return;
    this.show('error' in response ? { decoded: null, error: response.error } : { decoded: { cookies: request.cookies, reports: response.reports }, error: null });
  }

  /** The running request will not be answered: a fresh worker takes what comes next. */
  private fail(message: string): void {
    const request = this.running;
    this.worker.terminate();
    this.worker = this.spawn();
    this.next();
    if (request?.id === this.newestId) this.show({ decoded: null, error: message });
  }

  private next(): void {
    clearTimeout(this.timer);
    this.running = null;
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) this.send(waiting);
  }
}
