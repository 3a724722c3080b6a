import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { previewWrite } from '../../lib/edit/preview';
import { rewriteOptions, verifyingSecret } from '../../lib/edit/rewrite';
import { writeCookie } from '../../lib/formats/registry';
import { knownSecrets } from '../../lib/known-keys/list';
import { loadFixtures } from '../fixtures';

describe('previewWrite', () => {
  it('a chunked session rewritten smaller: one cookie under the base name, the old chunks to remove, other cookies kept', async () => {
    const { cases, now } = loadFixtures('authjs.json');
    const testCase = cases.find((candidate) => candidate.id === 'authjs-v5-chunked')!;
    const jar = [testCase.cookie, ...testCase.companions!, { name: 'theme', value: 'dark' }];
    const [report] = await decodeCookies(jar, { secrets: testCase.secrets, now, knownSecrets: false });
    const preview = await previewWrite({ report: report!, payload: { sub: 'small' }, secret: testCase.secrets[0]!, options: rewriteOptions(report!), jar });
    expect(preview).toMatchObject({ ok: true, cookies: [{ name: 'authjs.session-token' }], remove: jar.slice(0, 4).map((cookie) => cookie.name) });
    if (!preview.ok) return;
    expect(preview.report).toMatchObject({ format: 'authjs', payload: { sub: 'small' }, signature: { status: 'valid' } });
    expect(preview.changes.map((change) => [change.path, change.kind])).toEqual(expect.arrayContaining([[['sub'], 'changed']]));
  });

  it('a session whose companion is rewritten keeps no stale companion', async () => {
    const written = await writeCookie('express-cookie-session', { user: 1 }, 'k', {});
    if (!written.ok) throw new Error(written.problem.message);
    const [report] = await decodeCookies(written.cookies, { secrets: ['k'], knownSecrets: false });
    const preview = await previewWrite({ report: report!, payload: { user: 2 }, secret: 'k', options: rewriteOptions(report!), jar: written.cookies });
    expect(preview).toMatchObject({ ok: true, remove: [], report: { payload: { user: 2 }, signature: { status: 'valid' } } });
    expect(preview.ok && preview.cookies.map((cookie) => cookie.name)).toEqual(['session', 'session.sig']);
    expect(preview.ok && preview.changes).toEqual([{ path: ['user'], kind: 'changed', before: { type: 'number', value: 1 }, after: { type: 'number', value: 2 } }]);
  });

  it('a payload the format cannot carry is the writer\'s problem, not a throw', async () => {
    const written = await writeCookie('flask', { a: 1 }, 'k', {});
    if (!written.ok) throw new Error(written.problem.message);
    const [report] = await decodeCookies(written.cookies, { secrets: ['k'], knownSecrets: false });
    expect(await previewWrite({ report: report!, payload: ['not a dict'], secret: 'k', options: rewriteOptions(report!), jar: written.cookies })).toMatchObject({
      ok: false,
      problem: { code: 'cannot-write' },
    });
  });
});

describe('verifyingSecret', () => {
  it('is the publicly known key that verified the session', async () => {
    const known = knownSecrets().find((entry) => typeof entry.secret === 'string')!;
    const written = await writeCookie('flask', { a: 1 }, known.secret, {});
    if (!written.ok) throw new Error(written.problem.message);
    const [report] = await decodeCookies(written.cookies, { secrets: ['another'] });
    expect(report!.signature.knownSecret).toBe(known.display);
    expect(verifyingSecret(report!, ['another'])).toBe(known.secret);
  });

  it('is the user\'s secret at secretIndex, and none without a valid signature', async () => {
    const written = await writeCookie('flask', { a: 1 }, 'right', {});
    if (!written.ok) throw new Error(written.problem.message);
    const [valid] = await decodeCookies(written.cookies, { secrets: ['wrong', 'right'], knownSecrets: false });
    expect(verifyingSecret(valid!, ['wrong', 'right'])).toBe('right');
    const [invalid] = await decodeCookies(written.cookies, { secrets: ['wrong'], knownSecrets: false });
    expect(verifyingSecret(invalid!, ['wrong'])).toBeNull();
  });
});
