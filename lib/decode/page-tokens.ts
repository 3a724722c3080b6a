// Tokens a page keeps outside its cookies (localStorage, sessionStorage) and sends in request headers, found as
// cookie-like inputs named after where they were found, so decodeCookies reads them with the site's keys and verdicts.
import { decodeBase64, decodeBase64Url } from '../codec/base64';
import { parseCookieHeader } from '../codec/cookie-header';
import { isObject, parseJson } from '../codec/json';
import { decodeUtf8 } from '../codec/text';
import type { CookieInput } from '../types';

export type StorageArea = 'localStorage' | 'sessionStorage';

/** One key of a page's Web Storage, as read from the page. */
export interface StorageEntry {
  area: StorageArea;
  key: string;
  value: string;
}

/** How much of a page's storage is read and looked through: a page's storage is the page's to fill. */
export const STORAGE_LIMITS = {
  /** Entries read per page (both areas together). */
  entries: 500,
  /** A longer value is skipped: far above any token, and a site can fill megabytes. */
  valueChars: 64 * 1024,
  /** Values looked inside (JSON, base64 JSON) per entry. */
  innerValues: 32,
  /** JSON nodes visited per entry. */
  nodes: 500,
  /** JSON levels walked into. */
  depth: 8,
} as const;

/** A value that may be a token. `within` points at the candidate (a whole storage value) it was found inside. */
export interface StorageCandidate {
  area: StorageArea;
  /** The storage key, then the JSON path inside its value (`auth.access_token`). */
  name: string;
  value: string;
  within?: number;
}

/** Printable ASCII without spaces, as tokens are; short strings are ids, flags and settings, not tokens. */
const TOKEN_LIKE = /^[\x21-\x7e]{16,}$/;

/**
 * Every value of the page's storage that may hold a token: each whole value (named by its key, so formats known by
 * their name, such as Supabase's `sb-<ref>-auth-token`, are recognised), then the token-like strings inside a value
 * that is JSON or base64 of JSON. The decoder decides which of them are tokens.
 */
export function storageCandidates(entries: readonly StorageEntry[]): StorageCandidate[] {
  const candidates: StorageCandidate[] = [];
  for (const entry of entries.slice(0, STORAGE_LIMITS.entries)) {
    if (entry.value === '' || entry.value.length > STORAGE_LIMITS.valueChars) continue;
    const within = candidates.push({ area: entry.area, name: entry.key, value: entry.value }) - 1;
    const json = jsonInside(entry.value);
    if (json === undefined) continue;
    for (const { path, value } of tokenLikeStrings(json)) candidates.push({ area: entry.area, name: `${entry.key}${path}`, value, within });
  }
  return candidates;
}

/** The JSON object or array a value holds as text or as base64 (either alphabet) of UTF-8 text; undefined otherwise. */
function jsonInside(value: string): unknown {
  const text = value.trimStart().startsWith('{') || value.trimStart().startsWith('[') ? value : base64Text(value.trim());
  if (text === null) return undefined;
  const parsed = parseJson(text);
  return parsed.ok && (isObject(parsed.json) || Array.isArray(parsed.json)) ? parsed.json : undefined;
}

function base64Text(value: string): string | null {
  const bytes = decodeBase64(value) ?? decodeBase64Url(value);
  return bytes && decodeUtf8(bytes);
}

/** Token-like strings in a JSON value, breadth first, with their paths (`.a.b`, `[0]`), bounded in count, nodes and depth. */
function tokenLikeStrings(root: unknown): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const queue: { path: string; value: unknown; depth: number }[] = [{ path: '', value: root, depth: 0 }];
  for (let visited = 0; visited < queue.length && visited < STORAGE_LIMITS.nodes && found.length < STORAGE_LIMITS.innerValues; visited++) {
    const { path, value, depth } = queue[visited]!;
    if (typeof value === 'string') {
      if (TOKEN_LIKE.test(value) && value.length <= STORAGE_LIMITS.valueChars) found.push({ path, value });
    } else if (depth < STORAGE_LIMITS.depth && Array.isArray(value)) {
      value.forEach((item, index) => queue.push({ path: `${path}[${index}]`, value: item, depth: depth + 1 }));
    } else if (depth < STORAGE_LIMITS.depth && isObject(value)) {
      for (const [key, item] of Object.entries(value)) queue.push({ path: `${path}.${key}`, value: item, depth: depth + 1 });
    }
    if (queue.length > STORAGE_LIMITS.nodes) queue.length = STORAGE_LIMITS.nodes;
  }
  return found;
}

/** A request as the devtools network log has it, with the tokens its headers carried. */
export interface SeenRequest {
  method: string;
  url: string;
  /** HTTP status; 0 when the request got no response. */
  status: number;
  /** When it started (HAR `startedDateTime`): with method and URL, tells a request seen twice from two requests. */
  started?: string;
  tokens: HeaderToken[];
}

/** A token sent in a request header: `header` names where (`Authorization: Bearer`, `X-CSRF-Token`, `Cookie`). */
export interface HeaderToken {
  header: string;
  /** What the decoder calls it: the header, or the cookie's name. */
  name: string;
  value: string;
}

export const REQUEST_LIMITS = {
  /** Requests kept (the newest); older ones are dropped with their tokens. */
  requests: 500,
  /** A longer header value is skipped. */
  valueChars: 16 * 1024,
  /** Tokens taken from one request. */
  tokensPerRequest: 32,
  /** Requests listed per token (the newest). */
  requestsPerToken: 20,
} as const;

/** Headers that carry a token whole (Laravel's `X-XSRF-TOKEN` is its encrypted cookie, Django's its CSRF secret). */
const TOKEN_HEADERS = new Set(['x-auth-token', 'x-access-token', 'x-csrf-token', 'x-csrftoken', 'x-xsrf-token']);

/**
 * The tokens in one request's headers: `Authorization: Bearer …` (or a bare token), the token headers above, and
 * the cookies of a `Cookie` header sent to another origin than the page's (the page's own are its cookies, shown
 * above). Never throws; oversized values and anything past the per-request bound are left out.
 */
export function tokensInHeaders(headers: readonly { name: string; value: string }[], requestUrl: string, pageOrigin: string): HeaderToken[] {
  const tokens: HeaderToken[] = [];
  for (const { name, value } of headers) {
    if (value.length > REQUEST_LIMITS.valueChars) continue;
    const header = name.toLowerCase();
    if (header === 'authorization') tokens.push(...authorizationToken(value));
    else if (TOKEN_HEADERS.has(header) && value.trim() !== '') tokens.push({ header: name, name, value: value.trim() });
    else if (header === 'cookie' && originOf(requestUrl) !== pageOrigin) {
      for (const cookie of parseCookieHeader(value)) if (cookie.value !== '') tokens.push({ header: 'Cookie', name: cookie.name, value: cookie.value });
    }
  }
  return tokens.slice(0, REQUEST_LIMITS.tokensPerRequest);
}

function authorizationToken(value: string): HeaderToken[] {
  const bearer = /^\s*bearer\s+(\S+)\s*$/i.exec(value);
  if (bearer) return [{ header: 'Authorization: Bearer', name: 'Authorization: Bearer', value: bearer[1]! }];
  // Some APIs send the token without a scheme; `Basic` and other schemes carry credentials, not tokens.
  return TOKEN_LIKE.test(value.trim()) ? [{ header: 'Authorization', name: 'Authorization', value: value.trim() }] : [];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A devtools network log (HAR) entry as a SeenRequest with its tokens, or null when it is not an entry or carries
 * none. The entry comes from the browser, but its header values are whatever the page sent: each is checked.
 */
export function readHarEntry(entry: unknown, pageOrigin: string): SeenRequest | null {
  if (!isObject(entry) || !isObject(entry.request)) return null;
  const { method, url, headers } = entry.request;
  if (typeof method !== 'string' || typeof url !== 'string' || !Array.isArray(headers)) return null;
  const pairs = headers.filter((header): header is { name: string; value: string } => isObject(header) && typeof header.name === 'string' && typeof header.value === 'string');
  const tokens = tokensInHeaders(pairs, url, pageOrigin);
  if (tokens.length === 0) return null;
  const status = isObject(entry.response) && Number.isInteger(entry.response.status) ? (entry.response.status as number) : 0;
  return { method, url, status, ...(typeof entry.startedDateTime === 'string' ? { started: entry.startedDateTime } : {}), tokens };
}

/**
 * The newest requests, at most REQUEST_LIMITS.requests of them. A request already kept is not added again: the log
 * the panel starts from (getHAR) and the requests finishing meanwhile may both hold it.
 */
export function keepRecent(requests: readonly SeenRequest[], added: readonly SeenRequest[]): SeenRequest[] {
  const kept = new Set(requests.flatMap((request) => requestKey(request) ?? []));
  const fresh = added.filter((request) => {
    const key = requestKey(request);
    if (key === null) return true;
    if (kept.has(key)) return false;
    kept.add(key);
    return true;
  });
  return [...requests, ...fresh].slice(-REQUEST_LIMITS.requests);
}

function requestKey({ started, method, url }: SeenRequest): string | null {
  return started === undefined ? null : JSON.stringify([started, method, url]);
}

/** One token and the requests that carried it (the newest REQUEST_LIMITS.requestsPerToken), out of `count`. */
export interface TokenGroup {
  token: HeaderToken;
  requests: Omit<SeenRequest, 'tokens'>[];
  count: number;
}

/** The tokens of the requests, each once (same header, name and value), in the order first sent. */
export function groupByToken(requests: readonly SeenRequest[]): TokenGroup[] {
  const groups = new Map<string, TokenGroup>();
  for (const { tokens, ...request } of requests) {
    for (const token of tokens) {
      const key = JSON.stringify([token.header, token.name, token.value]);
      const group = groups.get(key) ?? { token, requests: [], count: 0 };
      groups.set(key, group);
      if (group.requests.at(-1) === request) continue; // the same token twice in one request
      group.count++;
      group.requests.push(request);
      if (group.requests.length > REQUEST_LIMITS.requestsPerToken) group.requests.shift();
    }
  }
  return [...groups.values()];
}

/** The candidates as the decoder takes them. */
export function asCookies(candidates: readonly { name: string; value: string }[]): CookieInput[] {
  return candidates.map(({ name, value }) => ({ name, value }));
}

/**
 * Which candidates to show, by index: those the decoder read as a session or token, except a value found inside a
 * whole value that is one itself (the access token inside a Supabase session is shown on the session's card).
 */
export function recognisedCandidates(candidates: readonly StorageCandidate[], reports: readonly { isSession: boolean }[]): number[] {
  return candidates.flatMap((candidate, index) => {
    if (reports[index]?.isSession !== true) return [];
    return candidate.within !== undefined && reports[candidate.within]?.isSession === true ? [] : [index];
  });
}
