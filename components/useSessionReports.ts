import { useEffect, useRef, useState } from 'react';
import type { DecodeRequest, DecodeResponse } from '../lib/decode-worker';
import type { SiteSettings } from '../lib/tab';
import type { CookieInput, SessionReport } from '../lib/types';

/** Reports together with the cookies they were made from (same order). */
export interface DecodedCookies {
  cookies: CookieInput[];
  reports: SessionReport[];
}

/**
 * Decodes the cookies with the site's settings in a worker, off the UI thread. While a newer decode runs,
 * the previous result stays on screen, so live updates do not flash a loading state.
 */
export function useSessionReports(cookies: CookieInput[] | null, settings: SiteSettings): DecodedCookies | null {
  const [decoded, setDecoded] = useState<DecodedCookies | null>(null);
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, CookieInput[]>());
  const latest = useRef(0);

  useEffect(() => {
    const created = new Worker(new URL('../lib/decode-worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<DecodeResponse>) => {
      const source = pending.current.get(event.data.id);
      pending.current.delete(event.data.id);
      if (source && event.data.id === latest.current) setDecoded({ cookies: source, reports: event.data.reports });
    };
    worker.current = created;
    return () => created.terminate();
  }, []);

  useEffect(() => {
    if (!cookies || !worker.current) return;
    const id = ++latest.current;
    pending.current.set(id, cookies);
    const request: DecodeRequest = {
      id,
      cookies,
      options: {
        secrets: settings.secrets,
        ...(settings.maxAge !== undefined ? { maxAge: settings.maxAge } : {}),
        ...(settings.salt !== undefined ? { salt: settings.salt } : {}),
      },
    };
    worker.current.postMessage(request);
  }, [cookies, settings]);

  return decoded;
}
