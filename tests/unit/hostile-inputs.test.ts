import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Url, encodeBase64Url } from '../../lib/codec/base64';
import { MAX_JSON_DEPTH, parseJson } from '../../lib/codec/json';
import { encodeUtf8 } from '../../lib/codec/text';
import { unquoteCookieValue } from '../../lib/codec/wire';
import { decodeCookie, decodeCookies } from '../../lib/decode/decode';
import { loadFixtures, SUPPORTED_FIXTURES } from '../fixtures';
import { deepFlaskSession, deepJson, gorillaValue, HOSTILE_COOKIES, signatureOf, TIMESTAMP } from '../hostile-cookies';

const TOO_DEEP = `malformed: nested deeper than ${MAX_JSON_DEPTH} levels`;

describe('JSON nesting is capped where cookie JSON is parsed', () => {
  it('refuses JSON nested deeper than the cap, and reads it at the cap', () => {
    expect(parseJson(deepJson(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    expect(parseJson(deepJson(MAX_JSON_DEPTH + 1))).toMatchObject({ ok: false, reason: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    // Brackets inside strings, escaped quotes included, are text.
    expect(parseJson(JSON.stringify({ a: `\\"${'['.repeat(500)}` }))).toMatchObject({ ok: true });
  });

  it('a tiny zlib cookie nested 800 deep gives a malformed report that can be passed to the page', async () => {
    const cookie = deepFlaskSession(800);
    expect(cookie.value.length).toBeLessThan(200);
    const report = await decodeCookie(cookie, { knownSecrets: false });
    expect(report.format).toBe('flask');
    expect(report.error).toBe(TOO_DEEP);
    expect(report.payload).toBeNull();
    expect(report.typed).toBeUndefined();
    expect(() => structuredClone(report)).not.toThrow();
  });

  const deepCases: [string, ...Parameters<typeof decodeCookies>][] = [
    ['flask', [{ name: 'session', value: `${encodeBase64Url(encodeUtf8(deepJson(100)))}.${TIMESTAMP}.${signatureOf(20)}` }]],
    ['django-session', [{ name: 'sessionid', value: `${encodeBase64Url(encodeUtf8(deepJson(100)))}:1pXyZa:${signatureOf(32)}` }]],
    ['express-cookie-session', [{ name: 'session', value: btoa(`{"a":${deepJson(100)}}`) }, { name: 'session.sig', value: signatureOf(20) }]],
    ['express-signed', [{ name: 'data', value: `s:j:${deepJson(100)}.${'A'.repeat(42)}E` }]],
    ['jwt', [{ name: 'token', value: `${encodeBase64Url(encodeUtf8('{"alg":"HS256"}'))}.${encodeBase64Url(encodeUtf8(`{"a":${deepJson(100)}}`))}.${signatureOf(32)}` }]],
    ['rails-signed', [{ name: 'user', value: `${btoa(deepJson(100))}--${'7'.repeat(40)}` }]],
    ['gorilla-securecookie', [{ name: 'session-name', value: gorillaValue(encodeUtf8(deepJson(100))) }]],
  ];
  for (const [format, jar] of deepCases) {
    it(`${format}: nested 100 deep is malformed, not shown`, async () => {
      const [report] = await decodeCookies(jar, { knownSecrets: false });
      expect(report!.format).toBe(format);
      expect(report!.error).toBe(TOO_DEEP);
      expect(report!.payload).toBeNull();
    });
  }
});

describe('every report can be passed to the page (structured clone)', () => {
  it('for every fixture', async () => {
    for (const file of SUPPORTED_FIXTURES) {
      for (const testCase of loadFixtures(file).cases) {
        const reports = await decodeCookies([testCase.cookie, ...(testCase.companions ?? [])], { secrets: testCase.secrets, knownSecrets: false });
        expect(structuredClone(reports)).toEqual(reports);
      }
    }
  });

  it('for large and hostile cookies of every format', async () => {
    for (const [label, jar] of HOSTILE_COOKIES) {
      const reports = await decodeCookies(jar(40 * 1024), { knownSecrets: false });
      for (const report of reports) expect(report.error ?? '', label).not.toMatch(/^internal error/);
      expect(() => structuredClone(reports), label).not.toThrow();
    }
  }, 60_000);
});

describe('no quadratic path on long inputs (1 MB; a quadratic one takes minutes)', () => {
  const MB = 1024 * 1024;

  it('base64 padding is trimmed in one pass', () => {
    expect(decodeBase64Url(`a${'='.repeat(MB)}a`)).toBeNull();
    expect(decodeBase64(`a${'='.repeat(MB)}a`)).toBeNull();
    expect(decodeBase64Url(`QQ${'='.repeat(MB)}`)).toEqual(Uint8Array.of(65));
    expect(decodeBase64Url('QQ==')).toEqual(Uint8Array.of(65));
    expect(decodeBase64Url('QQ')).toEqual(Uint8Array.of(65));
    expect(encodeBase64Url(Uint8Array.of(65))).toBe('QQ');
  });

  it('a cookie with a long run of = in its signature part', async () => {
    const report = await decodeCookie({ name: 'session', value: `eyJ.${TIMESTAMP}.${'='.repeat(MB)}a` }, { knownSecrets: false });
    expect(report.format).toBe('unknown');
  });

  it('JSON depth is measured in one pass', () => {
    expect(parseJson(deepJson(MB / 2))).toMatchObject({ ok: false });
  });
});

describe('quoted cookie values are unquoted in one pass', () => {
  it('reads octal escapes as UTF-8 bytes, or as latin-1 when they are not UTF-8, and keeps other text whole', () => {
    expect(unquoteCookieValue('"caf\\303\\251 \\"x\\" \\\\"')).toBe('café "x" \\');
    expect(unquoteCookieValue('"h\\351llo \u2713"')).toBe('h\u00e9llo \u2713');
    expect(unquoteCookieValue('"\u{1F600} \\101"')).toBe('\u{1F600} A');
    expect(unquoteCookieValue('"trailing\\"')).toBe('trailing\\');
    expect(unquoteCookieValue('no quotes')).toBeNull();
  });

  it('on 1 MB of backslashes', () => {
    expect(unquoteCookieValue(`"${'\\'.repeat(1024 * 1024)}"`)).toBe('\\'.repeat(512 * 1024));
  });
});
