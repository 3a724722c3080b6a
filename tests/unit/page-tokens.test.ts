import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import {
  asCookies,
  groupByToken,
  keepRecent,
  readHarEntry,
  recognisedCandidates,
  REQUEST_LIMITS,
  STORAGE_LIMITS,
  storageCandidates,
  tokensInHeaders,
  type SeenRequest,
  type StorageEntry,
} from '../../lib/decode/page-tokens';
import { loadFixtures } from '../fixtures';

const part = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
function hs256(claims: unknown, secret: string): string {
  const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const JWT = hs256({ sub: 'ada', role: 'viewer', exp: 4_000_000_000 }, 'spa-secret');
const local = (key: string, value: string): StorageEntry => ({ area: 'localStorage', key, value });

/** What the page shows: the names of the candidates decoded as sessions or tokens, with their formats. */
async function shown(entries: StorageEntry[], secrets: string[] = []) {
  const candidates = storageCandidates(entries);
  const reports = await decodeCookies(asCookies(candidates), { secrets, knownSecrets: false });
  return recognisedCandidates(candidates, reports).map((index) => ({ name: candidates[index]!.name, format: reports[index]!.format, status: reports[index]!.signature.status }));
}

describe('tokens in page storage', () => {
  it('a JWT kept whole is read under its key, and verifies with the site secret', async () => {
    expect(await shown([local('token', JWT)], ['spa-secret'])).toEqual([{ name: 'token', format: 'jwt', status: 'valid' }]);
    expect(await shown([{ area: 'sessionStorage', key: 'token', value: JWT }])).toEqual([{ name: 'token', format: 'jwt', status: 'unverified' }]);
  });

  it('a JWT inside a JSON value is named by its path', async () => {
    const value = JSON.stringify({ user: { name: 'ada' }, auth: { tokens: [{ access_token: JWT }] } });
    expect(await shown([local('app-state', value)])).toEqual([{ name: 'app-state.auth.tokens[0].access_token', format: 'jwt', status: 'unverified' }]);
  });

  it('a JWT inside base64 of JSON (either alphabet) is found', async () => {
    const json = JSON.stringify({ jwt: JWT, note: 'ü?>' });
    expect(await shown([local('b64', Buffer.from(json).toString('base64')), local('b64url', Buffer.from(json).toString('base64url'))])).toEqual([
      { name: 'b64.jwt', format: 'jwt', status: 'unverified' },
      { name: 'b64url.jwt', format: 'jwt', status: 'unverified' },
    ]);
  });

  it('a Supabase session as supabase-js keeps it (raw JSON under sb-<ref>-auth-token) is one session, its access token on its card', async () => {
    const fixture = loadFixtures('supabase.json').cases.find((entry) => entry.id === 'supabase-plain')!;
    const session = Buffer.from(fixture.cookie.value.slice('base64-'.length), 'base64url').toString();
    const result = await shown([local('sb-abcdefghijklmnopqrst-auth-token', session)]);
    expect(result).toEqual([{ name: 'sb-abcdefghijklmnopqrst-auth-token', format: 'supabase', status: 'unverified' }]);
  });

  it('ordinary storage (settings, flags, ids, text) shows nothing', async () => {
    const entries = [
      local('theme', 'dark'),
      local('consent', 'true'),
      local('visits', '1700000000'),
      local('prefs', JSON.stringify({ lang: 'en-US', sidebar: { open: false, width: 320 } })),
      local('draft', 'Dear Bob, the meeting is at 10. Regards, Alice'),
      local('ids', JSON.stringify(['3f1c9a2e-5b7d-4e8f-9a01-23456789abcd', 'a.b.c.d.e.f.g.h.i.j'])),
    ];
    expect(await shown(entries)).toEqual([]);
  });

  it('skips empty and oversized values and reads at most the entry limit', () => {
    const huge = JWT + 'x'.repeat(STORAGE_LIMITS.valueChars);
    expect(storageCandidates([local('empty', ''), local('huge', huge)])).toEqual([]);
    const many = Array.from({ length: STORAGE_LIMITS.entries + 50 }, (_, index) => local(`k${index}`, 'v'));
    expect(storageCandidates(many)).toHaveLength(STORAGE_LIMITS.entries);
  });

  it('looks inside a hostile JSON value only so far: strings, nodes and depth are bounded', () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`k${index}`, `token-like-value-${index}`])));
    expect(storageCandidates([local('wide', wide)])).toHaveLength(1 + STORAGE_LIMITS.innerValues);
    let deep: unknown = 'token-like-value-at-the-bottom';
    for (let level = 0; level < 40; level++) deep = { a: deep };
    expect(storageCandidates([local('deep', JSON.stringify(deep))])).toHaveLength(1);
    const nested = '['.repeat(60_000);
    expect(storageCandidates([local('nested', nested)])).toHaveLength(1);
    const noStrings = JSON.stringify([...Array.from({ length: 2000 }, () => [[1, 2], { a: null }]), ['token-like-value-far-away']]);
    expect(storageCandidates([local('nodes', noStrings)])).toHaveLength(1);
  });

  it('keeps keys and values as text, whatever they hold', async () => {
    const hostile = [local('<img src=x onerror=alert(1)>', JWT), local('__proto__', JSON.stringify({ constructor: { prototype: JWT } })), local('\u202e\u0000key', 'value')];
    const candidates = storageCandidates(hostile);
    expect(candidates.map((candidate) => candidate.name)).toEqual(['<img src=x onerror=alert(1)>', '__proto__', '__proto__.constructor.prototype', '\u202e\u0000key']);
    expect(({} as Record<string, unknown>).prototype).toBeUndefined();
  });
});

describe('tokens in request headers', () => {
  const PAGE = 'http://127.0.0.1:5000';

  it('reads Bearer tokens, bare Authorization tokens and the token headers', () => {
    const headers = [
      { name: 'authorization', value: `Bearer ${JWT}` },
      { name: 'X-CSRF-Token', value: ' csrf-token-0123456789abcdef ' },
      { name: 'X-XSRF-TOKEN', value: 'eyJpdiI6IjEyMyJ9' },
      { name: 'Accept', value: 'application/json' },
    ];
    expect(tokensInHeaders(headers, `${PAGE}/api/me`, PAGE)).toEqual([
      { header: 'Authorization: Bearer', name: 'Authorization: Bearer', value: JWT },
      { header: 'X-CSRF-Token', name: 'X-CSRF-Token', value: 'csrf-token-0123456789abcdef' },
      { header: 'X-XSRF-TOKEN', name: 'X-XSRF-TOKEN', value: 'eyJpdiI6IjEyMyJ9' },
    ]);
    expect(tokensInHeaders([{ name: 'Authorization', value: JWT }], PAGE, PAGE)).toEqual([{ header: 'Authorization', name: 'Authorization', value: JWT }]);
  });

  it('leaves out Basic credentials, short values and oversized headers', () => {
    const headers = [
      { name: 'Authorization', value: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' },
      { name: 'Authorization', value: 'Bearer' },
      { name: 'Authorization', value: 'short' },
      { name: 'X-Auth-Token', value: `${'a'.repeat(REQUEST_LIMITS.valueChars)}b` },
      { name: 'X-Auth-Token', value: '   ' },
    ];
    expect(tokensInHeaders(headers, PAGE, PAGE)).toEqual([]);
  });

  it('reads the cookies sent to other origins, never those of the page itself', () => {
    const cookie = { name: 'Cookie', value: `session=${JWT}; theme=dark; empty=` };
    expect(tokensInHeaders([cookie], `${PAGE}/x`, PAGE)).toEqual([]);
    expect(tokensInHeaders([cookie], 'http://api.127.0.0.1.nip.io:5000/x', PAGE)).toEqual([
      { header: 'Cookie', name: 'session', value: JWT },
      { header: 'Cookie', name: 'theme', value: 'dark' },
    ]);
    expect(tokensInHeaders([cookie], 'not a url', PAGE)).toHaveLength(2);
  });

  it('takes at most the per-request bound of tokens', () => {
    const cookies = Array.from({ length: 100 }, (_, index) => `c${index}=v`).join('; ');
    expect(tokensInHeaders([{ name: 'cookie', value: cookies }], 'https://other.example/', PAGE)).toHaveLength(REQUEST_LIMITS.tokensPerRequest);
  });

  it('reads a HAR entry and refuses anything that is not one', () => {
    const entry = { request: { method: 'GET', url: `${PAGE}/api/me`, headers: [{ name: 'Authorization', value: `Bearer ${JWT}` }, { name: 7, value: 'x' }, null] }, response: { status: 200 } };
    expect(readHarEntry(entry, PAGE)).toEqual({ method: 'GET', url: `${PAGE}/api/me`, status: 200, tokens: [{ header: 'Authorization: Bearer', name: 'Authorization: Bearer', value: JWT }] });
    expect(readHarEntry({ ...entry, startedDateTime: '2026-11-30T15:00:00.000Z' }, PAGE)?.started).toBe('2026-11-30T15:00:00.000Z');
    expect(readHarEntry({ ...entry, response: { status: 'x' } }, PAGE)?.status).toBe(0);
    for (const bad of [null, 'x', {}, { request: { method: 1, url: '', headers: [] } }, { request: { method: 'GET', url: PAGE, headers: {} } }]) expect(readHarEntry(bad, PAGE)).toBeNull();
    expect(readHarEntry({ request: { method: 'GET', url: PAGE, headers: [{ name: 'Accept', value: '*/*' }] } }, PAGE)).toBeNull();
  });
});

describe('requests grouped by token', () => {
  const request = (url: string, ...values: string[]): SeenRequest => ({
    method: 'GET',
    url,
    status: 200,
    tokens: values.map((value) => ({ header: 'Authorization: Bearer', name: 'Authorization: Bearer', value })),
  });

  it('lists each token once with the requests that carried it', () => {
    const groups = groupByToken([request('/a', 'one-token-0123456789'), request('/b', 'two-token-0123456789'), request('/c', 'one-token-0123456789', 'one-token-0123456789')]);
    expect(groups.map((group) => [group.token.value, group.count, group.requests.map((seen) => seen.url)])).toEqual([
      ['one-token-0123456789', 2, ['/a', '/c']],
      ['two-token-0123456789', 1, ['/b']],
    ]);
  });

  it('keeps a request seen twice (the starting log and a finished request) once', () => {
    const seen = { ...request('/api/me', 'one-token-0123456789'), started: '2026-11-30T15:00:00.000Z' };
    const again = keepRecent(keepRecent([], [seen]), [{ ...seen }, { ...seen, started: '2026-11-30T15:00:01.000Z' }]);
    expect(again.map((kept) => kept.started)).toEqual(['2026-11-30T15:00:00.000Z', '2026-11-30T15:00:01.000Z']);
    expect(groupByToken(again)[0]!.count).toBe(2);
    const undated = request('/api/me', 'one-token-0123456789');
    expect(keepRecent([undated], [undated])).toHaveLength(2);
  });

  it('keeps the newest requests, and the newest requests of each token', () => {
    const requests = Array.from({ length: REQUEST_LIMITS.requests + 10 }, (_, index) => request(`/${index}`, 'same-token-0123456789'));
    const kept = keepRecent([], requests);
    expect(kept).toHaveLength(REQUEST_LIMITS.requests);
    expect(kept.at(-1)!.url).toBe(`/${REQUEST_LIMITS.requests + 9}`);
    const [group] = groupByToken(kept);
    expect(group!.count).toBe(REQUEST_LIMITS.requests);
    expect(group!.requests).toHaveLength(REQUEST_LIMITS.requestsPerToken);
    expect(group!.requests.at(-1)!.url).toBe(`/${REQUEST_LIMITS.requests + 9}`);
  });
});
