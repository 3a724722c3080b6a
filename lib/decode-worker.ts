// Runs the decoder off the UI thread: the known-secret check tries ~1000 keys per signed session.
import { decodeCookies } from './decode';
import type { CookieInput, DecodeOptions, SessionReport } from './types';

export interface DecodeRequest {
  id: number;
  cookies: CookieInput[];
  options: DecodeOptions;
}

export interface DecodeResponse {
  id: number;
  reports: SessionReport[];
}

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, cookies, options } = event.data;
  const reports = await decodeCookies(cookies, options);
  self.postMessage({ id, reports } satisfies DecodeResponse);
};
