import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import { findScanTarget } from '../../lib/scan/target';
import { createScanner } from '../../lib/scan/scanner';
import { loadFixtures } from '../fixtures';

const fixtures = loadFixtures('iron.json');
const fixture = (id: string) => fixtures.cases.find((testCase) => testCase.id === id)!;

/** A publicly known key (flask-extensions) long enough for iron. */
const KNOWN_KEY = 'the quick brown fox jumps over the lazy dog';

async function sealed(payload: unknown, secret: string, iron: { passwordId?: string; iterations?: number; sealVersion?: string } = {}) {
  const result = await writeCookie('iron', payload, secret, { name: 'sid', iron });
  if (!result.ok) throw new Error(result.problem.message);
  return result.cookies[0]!;
}

describe('iron without the password', () => {
  it('reads the expiry and says the password is needed', async () => {
    const { cookie } = fixture('iron-session-no-password');
    const [report] = await decodeCookies([cookie], { now: fixtures.now, knownSecrets: false });
    expect(report).toMatchObject({ format: 'iron', label: 'iron-session (sealed cookie)', payload: null, expiresAt: fixture('iron-session-plain').expect.expiresAt, expired: false });
    expect(report!.facts).toMatchObject({ contents: 'encrypted, iron password needed', passwordId: '1', sealVersion: '2 (iron-session)' });
    expect(report!.signature.status).toBe('unverified');
  });

  it('labels h3 sessions by their cookie name', async () => {
    const [report] = await decodeCookies([fixture('h3-nuxt-session').cookie], { knownSecrets: false });
    expect(report!.label).toBe('h3 / Nuxt session (sealed cookie)');
  });
});

describe('iron passwords', () => {
  it('says why a secret under 32 characters cannot open it', async () => {
    const [report] = await decodeCookies([fixture('iron-session-plain').cookie], { secrets: ['too-short'], now: fixtures.now, knownSecrets: false });
    expect(report!.signature.status).toBe('invalid');
    expect(report!.warningCodes).toContain('short-password');
  });

  it('picks a password map entry by the seal id, not by order', async () => {
    const { cookie, secrets } = fixture('iron-session-rotation');
    const map = JSON.parse(secrets[0]!) as Record<string, string>;
    const swapped = JSON.stringify({ 1: map['2'], 2: map['1'] });
    const [wrong] = await decodeCookies([cookie], { secrets: [swapped], now: fixtures.now, knownSecrets: false });
    expect(wrong!.signature.status).toBe('invalid');
    const [right] = await decodeCookies([cookie], { secrets: [map['2']!], now: fixtures.now, knownSecrets: false });
    expect(right!.signature).toMatchObject({ status: 'valid', secretIndex: 0 });
  });

  it('seals with the newest id of a password map, as iron-session does', async () => {
    const map = { 1: 'an-older-iron-password-of-32-characters', 2: 'the-newest-iron-password-of-32-characters' };
    const cookie = await sealed({ user: 'x' }, JSON.stringify(map), { sealVersion: '2' });
    expect(cookie.value).toMatch(/^Fe26\.2\*2\*.*~2$/);
    const [report] = await decodeCookies([cookie], { secrets: [map[2]], knownSecrets: false });
    expect(report).toMatchObject({ payload: { user: 'x' }, signature: { status: 'valid', config: { passwordId: '2', sealVersion: '2', iterations: '1' } } });
  });

  it('refuses to seal with a password iron would refuse', async () => {
    expect(await writeCookie('iron', {}, 'short', { name: 'sid' })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
    expect(await writeCookie('iron', {}, KNOWN_KEY, { name: 'sid', iron: { iterations: 1000 } })).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
  });
});

describe('iron and known keys', () => {
  it('a seal made with a publicly known key is reported and opened by the known-key check', async () => {
    const cookie = await sealed({ admin: true }, KNOWN_KEY);
    const [report] = await decodeCookies([cookie], {});
    expect(report!.signature).toMatchObject({ status: 'valid', knownSecret: KNOWN_KEY });
    expect(report!.warningCodes).toContain('known-secret');
    expect(report!.payload).toEqual({ admin: true });
  });

  it('is a wordlist scan target whose checks the scanner matches', async () => {
    const cookie = await sealed({ admin: true }, KNOWN_KEY);
    const target = findScanTarget([cookie]);
    expect(target).toMatchObject({ name: 'sid', format: 'iron' });
    const scanner = createScanner(target!.checks, { engine: 'js' });
    expect(scanner.findFirst(['wrong', 'also wrong, but 32 characters long!!', KNOWN_KEY])).toBe(2);
  });

  it('h3 v2 seals (8192 iterations) are opened too', async () => {
    const cookie = await sealed({ id: 'abc', data: {} }, KNOWN_KEY, { iterations: 8192 });
    const [report] = await decodeCookies([cookie], { secrets: [KNOWN_KEY], knownSecrets: false });
    expect(report).toMatchObject({ payload: { id: 'abc', data: {} }, signature: { status: 'valid', config: { iterations: '8192' } } });
  });
});

describe("h3's chunked sessions", () => {
  const chunked = fixture('h3-chunked');
  const jar = [chunked.cookie, ...chunked.companions!];
  const h3Password = chunked.secrets[0]!;

  it('reads the session on the marker cookie from the pieces joined, and each piece as a part of it', async () => {
    const reports = await decodeCookies(jar, { secrets: [h3Password], now: fixtures.now, knownSecrets: false });
    expect(reports.map((report) => [report.name, report.isSession, report.label])).toEqual([
      ['h3', true, 'h3 / Nuxt session (sealed cookie)'],
      ['h3.1', false, 'h3 / Nuxt session (sealed cookie), part 1 of 3'],
      ['h3.2', false, 'h3 / Nuxt session (sealed cookie), part 2 of 3'],
      ['h3.3', false, 'h3 / Nuxt session (sealed cookie), part 3 of 3'],
    ]);
    expect(reports[0]!.facts.chunks).toBe('joined from 3 cookies, "h3.1" … "h3.3" (h3 setChunkedCookie)');
    expect(reports[2]!.facts.chunk).toBe('part 2 of 3 of the session in "h3.1" … "h3.3", read on "h3"');
    for (const report of reports) expect(report.signature.status).toBe('valid');
    expect(reports.slice(1).map((report) => report.payload)).toEqual([null, null, null]);
  });

  it('reads no session when a piece is missing, as h3 does: malformed, and no password opens it', async () => {
    const [report] = await decodeCookies([chunked.cookie, chunked.companions![0]!, chunked.companions![2]!], { secrets: [h3Password], now: fixtures.now, knownSecrets: false });
    expect(report).toMatchObject({ name: 'h3', format: 'iron', payload: null, signature: { status: 'invalid' } });
    expect(report!.error).toBe('malformed: the h3 piece "h3.2" of 3 is missing');
  });

  it('leaves a piece past the marker\'s count and a marker past h3\'s 100 pieces to other formats', async () => {
    const reports = await decodeCookies([...jar, { name: 'h3.4', value: 'Fe26.2-leftover' }], { now: fixtures.now, knownSecrets: false });
    expect(reports.find((report) => report.name === 'h3.4')!.format).not.toBe('iron');
    const [tooMany] = await decodeCookies([{ name: 'h3', value: '__chunked__101' }], { knownSecrets: false });
    expect(tooMany!.format).not.toBe('iron');
    const [none] = await decodeCookies([{ name: 'h3', value: '__chunked__0' }], { knownSecrets: false });
    expect(none).toMatchObject({ format: 'iron', payload: null });
    expect(none!.error).toBe('malformed: the h3 chunk marker counts no pieces');
  });

  it('writes a seal too long for one cookie in pieces of 4000 characters, as h3 does, and a short one whole', async () => {
    const big = await writeCookie('iron', chunked.expect.payload, h3Password, { name: 'h3', iron: { iterations: 8192 } });
    if (!big.ok) throw new Error(big.problem.message);
    expect(big.cookies.map(({ name, value }) => [name, name === 'h3' ? value : value.length])).toEqual([['h3', '__chunked__3'], ['h3.1', 4000], ['h3.2', 4000], ['h3.3', expect.any(Number)]]);
    const [again] = await decodeCookies(big.cookies, { secrets: [h3Password], knownSecrets: false });
    expect(again).toMatchObject({ payload: chunked.expect.payload, signature: { status: 'valid', config: { iterations: '8192' } } });
    expect((await sealed({ user: 'x' }, h3Password)).name).toBe('sid');
  });
});

describe('iron-session v1 seals', () => {
  it('show the persistent values as the session and note a flash value', async () => {
    const { cookie, secrets } = fixture('iron-session-v1-flash');
    const [report] = await decodeCookies([cookie], { secrets, now: fixtures.now, knownSecrets: false });
    expect(report!.payload).toEqual({ cart: [1, 2] });
    expect(report!.facts).toMatchObject({
      store: 'iron-session v1 … v6 (iron-store {persistent, flash}): the session is its persistent values',
      flash: '{"notice":"Saved ✓"} (shown once by iron-session before v8; iron-session 8 drops it)',
    });
  });

  it('leave a seal of any other shape, or an iron-session 8 seal (~2) of that shape, whole', async () => {
    const password = 'an-iron-password-of-at-least-32-characters';
    for (const [payload, iron] of [
      [{ persistent: { a: 1 }, other: 2 }, {}],
      [{ persistent: 'text' }, {}],
      [{ persistent: { a: 1 } }, { sealVersion: '2' }],
    ] as const) {
      const [report] = await decodeCookies([await sealed(payload, password, iron)], { secrets: [password], knownSecrets: false });
      expect(report!.payload).toEqual(payload);
      expect(report!.facts.store).toBeUndefined();
    }
  });
});
