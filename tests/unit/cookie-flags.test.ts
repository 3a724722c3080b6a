import { describe, expect, it } from 'vitest';
import { COOKIE_SIZE_LIMIT, cookieDomainScope, cookiePartition, cookieSize, flagWarnings, type FlagWarning } from '../../lib/decode/cookie-flags';
import type { CookieInput } from '../../lib/types';

/** A session cookie set the way a careful app sets it: nothing to warn about. */
const GOOD: CookieInput = {
  name: 'session',
  value: 'eyJ1c2VyIjoiYWxpY2UifQ.ZZZZZZ.abcdefghijklmnopqrstuvwxyz0',
  domain: 'app.example.com',
  hostOnly: true,
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  session: true,
};
const PAGE = 'https://app.example.com/dashboard';

function texts(warnings: FlagWarning[]): string[] {
  return warnings.map((warning) => warning.text);
}

describe('flagWarnings', () => {
  it('has nothing to say about a well-set session cookie', () => {
    expect(flagWarnings(GOOD, PAGE, true)).toEqual([]);
  });

  it('says nothing about flags it was not told (a cookie from a Cookie: header)', () => {
    expect(flagWarnings({ name: 'session', value: 'abc' }, PAGE, true)).toEqual([]);
  });

  it('calls a session cookie without HttpOnly dangerous', () => {
    const warnings = flagWarnings({ ...GOOD, httpOnly: false }, PAGE, true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe('danger');
    expect(warnings[0]!.text).toMatch(/Not HttpOnly.*XSS/);
  });

  it('warns about a missing Secure flag on an https page only', () => {
    const warnings = flagWarnings({ ...GOOD, secure: false }, PAGE, true);
    expect(warnings).toEqual([{ level: 'warn', text: expect.stringMatching(/^Not Secure/) }]);
    expect(texts(flagWarnings({ ...GOOD, secure: false }, 'http://localhost:5000/', true))).toEqual([]);
  });

  it('warns that a session on a plain-http site travels unencrypted (but not on localhost)', () => {
    const warnings = flagWarnings({ ...GOOD, secure: false, domain: 'example.org' }, 'http://example.org/login', true);
    expect(texts(warnings)).toEqual([expect.stringMatching(/plain http/)]);
    expect(flagWarnings(GOOD, 'http://127.0.0.1:8000/', true)).toEqual([]);
  });

  it('warns about SameSite=None and notes an unspecified SameSite', () => {
    expect(flagWarnings({ ...GOOD, sameSite: 'no_restriction' }, PAGE, true)).toEqual([{ level: 'warn', text: expect.stringMatching(/^SameSite=None.*CSRF/) }]);
    expect(flagWarnings({ ...GOOD, sameSite: 'unspecified' }, PAGE, true)).toEqual([{ level: 'info', text: expect.stringMatching(/^No SameSite/) }]);
    expect(flagWarnings({ ...GOOD, sameSite: 'strict' }, PAGE, true)).toEqual([]);
  });

  it('warns when Domain names a parent domain', () => {
    const warnings = flagWarnings({ ...GOOD, domain: '.example.com', hostOnly: false }, PAGE, true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe('warn');
    expect(warnings[0]!.text).toContain('Domain=example.com: sent to example.com and every subdomain');
    expect(warnings[0]!.text).toContain('not just app.example.com');
  });

  it('notes that Domain set to the host itself still covers subdomains', () => {
    const warnings = flagWarnings({ ...GOOD, domain: '.app.example.com', hostOnly: false }, PAGE, true);
    expect(warnings).toEqual([{ level: 'info', text: expect.stringContaining('every subdomain of app.example.com') }]);
  });

  it('reads a leading dot as a Domain cookie when hostOnly is unknown', () => {
    const { hostOnly: _unknown, ...cookie } = GOOD;
    expect(cookieDomainScope({ ...cookie, domain: '.example.com' })).toBe('example.com');
    expect(cookieDomainScope({ ...cookie, domain: 'app.example.com' })).toBeNull();
    expect(cookieDomainScope(GOOD)).toBeNull();
  });

  it('warns when Path=/ spreads a session across user directories of a shared host', () => {
    const warnings = flagWarnings({ ...GOOD, domain: 'people.example.edu' }, 'https://people.example.edu/~alice/app/', true);
    expect(warnings).toEqual([{ level: 'warn', text: expect.stringContaining('Set Path=/~alice/') }]);
    expect(flagWarnings({ ...GOOD, path: '/~alice/' }, 'https://people.example.edu/~alice/app/', true)).toEqual([]);
  });

  it('warns when name + value nears the 4 KB limit and alarms when over it', () => {
    const near = { ...GOOD, value: 'a'.repeat(3600) };
    expect(flagWarnings(near, PAGE, true)).toEqual([{ level: 'warn', text: expect.stringMatching(/^3607 bytes: close to the 4096-byte limit/) }]);
    const over = { ...GOOD, value: 'a'.repeat(COOKIE_SIZE_LIMIT) };
    expect(flagWarnings(over, PAGE, true)).toEqual([{ level: 'danger', text: expect.stringMatching(/^4103 bytes: over the 4096-byte limit/) }]);
    expect(flagWarnings({ ...GOOD, value: 'a'.repeat(3000) }, PAGE, true)).toEqual([]);
  });

  it('counts size in UTF-8 bytes', () => {
    expect(cookieSize({ name: 'é', value: '😀' })).toBe(6);
  });

  it('notes a partitioned (CHIPS) cookie', () => {
    const cookie = { ...GOOD, partitionKey: { topLevelSite: 'https://shop.example.net' } };
    expect(flagWarnings(cookie, PAGE, true)).toEqual([{ level: 'info', text: expect.stringContaining('Partitioned (CHIPS)') }]);
    expect(cookiePartition(cookie)).toBe('https://shop.example.net');
    expect(cookiePartition({ ...GOOD, partitionKey: {} })).toBeNull();
  });

  it('gives only size and partition notes for cookies that are not sessions', () => {
    const loose: CookieInput = { ...GOOD, httpOnly: false, secure: false, sameSite: 'no_restriction', domain: '.example.com', hostOnly: false };
    expect(flagWarnings(loose, PAGE, false)).toEqual([]);
    expect(texts(flagWarnings({ ...loose, value: 'x'.repeat(3700) }, PAGE, false))).toEqual([expect.stringMatching(/close to the 4096-byte limit/)]);
  });

  it('puts the worst first', () => {
    const bad: CookieInput = { ...GOOD, httpOnly: false, secure: false, sameSite: 'unspecified', domain: '.example.com', hostOnly: false, partitionKey: { topLevelSite: 'https://a.example' } };
    const levels = flagWarnings(bad, PAGE, true).map((warning) => warning.level);
    expect(levels).toEqual(['danger', 'warn', 'warn', 'info', 'info']);
  });

  it('does not throw on a page URL it cannot parse', () => {
    expect(() => flagWarnings({ ...GOOD, httpOnly: false }, 'not a url', true)).not.toThrow();
    expect(texts(flagWarnings({ ...GOOD, httpOnly: false }, '', true))).toEqual([expect.stringMatching(/Not HttpOnly/)]);
  });
});
