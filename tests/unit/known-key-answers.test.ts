// The extension's background keeps the known-key check's answers across its restarts (storage.session): what it
// stores must answer the next run the same way, without trying the keys again, and hold nothing of the cookies.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadFixtures } from '../fixtures';

const known = loadFixtures('demo.json').cases.find((candidate) => candidate.id === 'flask-known-key-dev')!;
const unknown = loadFixtures('flask.json').cases.find((candidate) => candidate.id === 'flask-login-session')!;
const jar = [known.cookie, unknown.cookie];

/** A fresh copy of the decoder, as in a background that was just started. */
async function freshDecoder({ keysMayBeTried }: { keysMayBeTried: boolean }) {
  vi.resetModules();
  if (!keysMayBeTried) vi.doMock('../../lib/scan/scanner', () => ({ createScanner: () => { throw new Error('the known keys were tried again'); } }));
  const { decodeCookies } = await import('../../lib/decode/decode');
  const answers = await import('../../lib/known-keys/check');
  return { decodeCookies, ...answers };
}

afterEach(() => {
  vi.doUnmock('../../lib/scan/scanner');
  vi.resetModules();
});

describe('known-key answers kept across restarts', () => {
  it('answer the next run as the keys did, without trying them again', async () => {
    const first = await freshDecoder({ keysMayBeTried: true });
    const reports = await first.decodeCookies(jar);
    expect(reports.map((report) => report.signature.knownSecret ?? report.signature.status)).toEqual(['dev', 'unverified']);
    const stored: unknown = JSON.parse(JSON.stringify(first.keptKnownKeyAnswers()));

    const next = await freshDecoder({ keysMayBeTried: false });
    next.keepKnownKeyAnswers(stored);
    expect(await next.decodeCookies(jar)).toEqual(reports);
  });

  it('a run without them tries the keys (what the test above rules out)', async () => {
    const next = await freshDecoder({ keysMayBeTried: false });
    const reports = await next.decodeCookies(jar);
    expect(reports.map((report) => report.problem?.message)).toEqual(['the known keys were tried again', 'the known keys were tried again']);
  });

  it('hold no part of the cookies, and ignore what is not an answer', async () => {
    const first = await freshDecoder({ keysMayBeTried: true });
    await first.decodeCookies(jar);
    const stored = JSON.stringify(first.keptKnownKeyAnswers());
    for (const cookie of jar) for (const part of cookie.value.split('.').filter((piece) => piece.length >= 6)) expect(stored).not.toContain(part);
    expect(first.keptKnownKeyAnswers()).toHaveLength(2);
    first.keepKnownKeyAnswers([['x', { entry: -1, check: 0 }], ['y', { entry: 1e9, check: 0 }], ['z'], 'junk', [1, null]]);
    first.keepKnownKeyAnswers('junk');
    expect(first.keptKnownKeyAnswers()).toHaveLength(2);
  });
});
