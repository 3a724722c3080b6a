import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { isObject } from '../lib/codec/json';
import { readPageStorageAnswer, type ReadPageStorageRequest } from '../lib/browser/page-storage';
import { asCookies, groupByToken, keepRecent, readHarEntry, recognisedCandidates, storageCandidates, type SeenRequest, type StorageCandidate, type StorageEntry, type TokenGroup } from '../lib/decode/page-tokens';
import type { SiteSettings } from '../lib/browser/site-settings';
import { readDecoded, type DecodeTokensRequest } from '../lib/browser/tab-channel';
import type { CookieInput, SessionReport } from '../lib/types';

/**
 * How often the open page reads the tab's storage again. A `storage` event would not do: it fires only in the
 * page's other documents, never in the one that made the change (a login storing its token), and listening for it
 * would leave a script in the page. Reading again answers our own request only, checked like the first read.
 */
export const STORAGE_REFRESH_MS = 1000;

/** A token the decoder recognised, its report, and the cookie-like input it was read from. */
export interface FoundToken<Where> {
  where: Where;
  report: SessionReport;
  cookie: CookieInput;
}

export interface PageTokens {
  /** Decoded tokens of the page's storage; null until read and decoded. */
  storage: FoundToken<StorageCandidate>[] | null;
  /** Why the storage could not be read. */
  storageError: string | null;
  /** Decoded tokens of the requests, with the requests that carried each; null where requests cannot be seen (popup). */
  requests: FoundToken<TokenGroup>[] | null;
  /** Tokens sent in requests that the decoder does not recognise. */
  unrecognisedRequestTokens: number;
  /** Why the tokens could not be decoded. */
  decodeError: string | null;
  /** Every token as a cookie-like input (the cards' jar). */
  jar: CookieInput[];
}

/** The tokens of a granted site's page (`site` null: not granted, nothing is read), decoded with the site's settings. */
export function usePageTokens(tabId: number | null, site: string | null, settings: SiteSettings): PageTokens {
  const storage = usePageStorage(tabId, site);
  const requests = useRequestLog(site);
  const candidates = useMemo(() => storageCandidates(storage.entries ?? []), [storage.entries]);
  const groups = useMemo(() => (requests ? groupByToken(requests) : []), [requests]);
  const jar = useStableCookies([...asCookies(candidates), ...groups.map((group) => group.token)]);
  // What each decoded jar was made from: while a newer jar decodes, the last one's tokens stay on screen. The newest
  // for this jar: a request that sends a token already shown changes its group's requests, not the jar.
  const sources = useRef(new WeakMap<CookieInput[], { candidates: StorageCandidate[]; groups: TokenGroup[] }>());
  sources.current.set(jar, { candidates, groups });
  const { decoded, error } = useTokenReports(site, storage.entries !== null ? jar : null, settings);
  return useMemo(() => {
    const source = decoded && sources.current.get(decoded.cookies);
    if (!decoded || !source) return { storage: null, storageError: storage.error, requests: null, unrecognisedRequestTokens: 0, decodeError: error, jar };
    const { reports, cookies } = decoded;
    const found = <Where,>(where: Where, index: number): FoundToken<Where> => ({ where, report: reports[index]!, cookie: cookies[index]! });
    const offset = source.candidates.length;
    const requestReports = reports.slice(offset);
    return {
      storage: recognisedCandidates(source.candidates, reports).map((index) => found(source.candidates[index]!, index)),
      storageError: storage.error,
      requests: requests === null ? null : source.groups.flatMap((group, index) => (requestReports[index]?.isSession ? [found(group, offset + index)] : [])),
      unrecognisedRequestTokens: requestReports.filter((report) => !report.isSession).length,
      decodeError: error,
      jar: cookies,
    };
  }, [decoded, error, jar, candidates, groups, requests, storage.error]);
}

interface TokenReports {
  decoded: { cookies: CookieInput[]; reports: SessionReport[] } | null;
  error: string | null;
}

/**
 * The tokens decoded by the background with the site's saved settings, as it decodes the tab's cookies (no decoder
 * in the page); again when the settings change. While a newer jar decodes, the last answer stays.
 */
function useTokenReports(site: string | null, jar: CookieInput[] | null, settings: SiteSettings): TokenReports {
  const [result, setResult] = useState<TokenReports>({ decoded: null, error: null });
  useEffect(() => {
    if (site === null || jar === null) return;
    if (jar.length === 0) {
      setResult({ decoded: { cookies: jar, reports: [] }, error: null });
      return;
    }
    let current = true;
    const request: DecodeTokensRequest = { type: 'decode-tokens', site, tokens: jar };
    void browser.runtime.sendMessage(request).then(
      (answer: unknown) => {
        if (!current) return;
        const decoded = readDecoded(answer);
        if (!decoded) setResult({ decoded: null, error: 'Session Lens\'s background did not answer: close and reopen Session Lens.' });
        else if ('error' in decoded) setResult({ decoded: null, error: decoded.error });
        else if (decoded.reports.length !== jar.length) setResult({ decoded: null, error: 'The decoder answered for other tokens.' });
        else setResult({ decoded: { cookies: jar, reports: decoded.reports }, error: null });
      },
      () => current && setResult({ decoded: null, error: 'Session Lens\'s background did not answer: close and reopen Session Lens.' }),
    );
    return () => {
      current = false;
    };
  }, [site, jar, settings]);
  return result;
}

/** The same array while the names and values are the same: the decoder runs again only when a token changes. */
function useStableCookies(cookies: CookieInput[]): CookieInput[] {
  const kept = useRef<{ key: string; cookies: CookieInput[] }>({ key: '', cookies: [] });
  const key = JSON.stringify(cookies.map((cookie) => [cookie.name, cookie.value]));
  if (kept.current.key !== key) kept.current = { key, cookies };
  return kept.current.cookies;
}

interface StorageState {
  entries: StorageEntry[] | null;
  error: string | null;
}

/** The tab's storage, read through the background now and every STORAGE_REFRESH_MS while the page is open. */
function usePageStorage(tabId: number | null, site: string | null): StorageState {
  const [state, setState] = useState<StorageState>({ entries: null, error: null });
  useEffect(() => {
    setState({ entries: null, error: null });
    if (tabId === null || site === null) return;
    let closed = false;
    let last = '';
    const read = async () => {
      const answer = readPageStorageAnswer(await browser.runtime.sendMessage({ type: 'read-page-storage', tabId } satisfies ReadPageStorageRequest).catch(() => undefined));
      // The tab may have moved to another site since: its storage is not this site's.
      const next: StorageState = answer.kind === 'error' ? { entries: [], error: answer.message } : { entries: answer.origin === site ? answer.entries : [], error: null };
      const key = JSON.stringify(next);
      if (closed || key === last) return;
      last = key;
      setState(next);
    };
    void read();
    const timer = setInterval(() => void read(), STORAGE_REFRESH_MS);
    return () => {
      closed = true;
      clearInterval(timer);
    };
  }, [tabId, site]);
  return state;
}

/**
 * The requests of the inspected page that carried tokens (the devtools network log, from when devtools opened),
 * the newest REQUEST_LIMITS.requests; null outside devtools. A new site starts a new log.
 */
function useRequestLog(site: string | null): SeenRequest[] | null {
  const network = browser.devtools?.network;
  const [requests, setRequests] = useState<SeenRequest[] | null>(network ? [] : null);
  useEffect(() => {
    if (!network || site === null) return;
    setRequests([]);
    let closed = false;
    const add = (entries: readonly unknown[]) => {
      const seen = entries.flatMap((entry) => readHarEntry(entry, site) ?? []);
      if (!closed && seen.length > 0) setRequests((kept) => keepRecent(kept ?? [], seen));
    };
    const finished = (entry: unknown) => add([entry]);
    network.onRequestFinished.addListener(finished);
    // The requests before the panel opened; the polyfill (and Firefox) give getHAR a promise.
    void (network.getHAR as unknown as () => Promise<unknown>)()
      .then((log) => add(isObject(log) && Array.isArray(log.entries) ? log.entries : []))
      .catch(() => undefined);
    return () => {
      closed = true;
      network.onRequestFinished.removeListener(finished);
    };
  }, [network, site]);
  return requests;
}
