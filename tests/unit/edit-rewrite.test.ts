import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { previewWrite, type WritePreview } from '../../lib/edit/preview';
import { rewriteOptions, verifyingSecret } from '../../lib/edit/rewrite';
import { canRewrite } from '../../lib/edit/writable';
import { FORMATS } from '../../lib/formats/registry';
import type { FormatId, SessionReport } from '../../lib/types';
import { loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

/**
 * Fixtures whose cookie cannot be written again as it is: a writer writes one variant of its format (see each
 * format's `write`). Each is checked to really differ, so a writer that learns the variant must leave this table.
 */
const PUBLIC_KEY_JWT = "public-key JWTs are signed with the issuer's private key, which no one here holds (the jwt writer writes HS* and none)";
const JSON_WRITTEN = (what: string) => `written with the JSON serializer, which has no ${what}: the payload is the same, its type is not`;
const CANNOT_REPRODUCE: Readonly<Record<string, string>> = {
  'jwt-pyjwt-rs256': PUBLIC_KEY_JWT,
  'jwt-pyjwt-ps256': PUBLIC_KEY_JWT,
  'jwt-pyjwt-es256': PUBLIC_KEY_JWT,
  'jwt-pyjwt-eddsa': PUBLIC_KEY_JWT,
  'jwt-jsonwebtoken-rs256': PUBLIC_KEY_JWT,
  'jwt-jsonwebtoken-ps256': PUBLIC_KEY_JWT,
  'jwt-jsonwebtoken-es256': PUBLIC_KEY_JWT,
  'jwt-confusion-rs256-spki': PUBLIC_KEY_JWT,
  'jwt-confusion-rs256-pkcs1': PUBLIC_KEY_JWT,
  'jwt-confusion-es256-certificate': PUBLIC_KEY_JWT,
  'django-session-pickle': JSON_WRITTEN('datetime or tuple (Django sessions are never pickled here)'),
  'django-session-pickle-protocol2': JSON_WRITTEN('datetime or tuple (Django sessions are never pickled here)'),
  'django-session-pickle-os-system': JSON_WRITTEN('object calls (Django sessions are never pickled here)'),
  'rails-encrypted-session-legacy-cbc': 'Rails cookies are encrypted as Rails 5.2+ does, AES-256-GCM, not the legacy CBC + HMAC',
  'rails-encrypted-session-marshal': JSON_WRITTEN('Time (Rails cookies are written with JSON, never Marshal)'),
  'rails-encrypted-session-marshal-read-by-hybrid': JSON_WRITTEN('Time (Rails cookies are written with JSON, never Marshal)'),
  'rails-signed-marshal-object': JSON_WRITTEN('Ruby objects (Rails cookies are written with JSON, never Marshal)'),
  'rack-session-nested': 'a Ruby Time has no JSON form the Marshal writer could restore: it is written as a String',
  'gorilla-sessions-gob-nested': JSON_WRITTEN('[]byte (securecookie values are written with JSONEncoder, not gob)'),
  'gorilla-sessions-encrypted': 'securecookie values are written unencrypted, the whole secret the hash key: no block key',
  'laravel-encrypted-cookie-session-store': 'PHP objects in the session data (CartLine) are written back as arrays: the JSON payload has no class to restore',
};

interface Case {
  testCase: FixtureCase;
  now: number;
}

/** Fixtures whose key is known and verifies them, in a format with a writer. */
const cases: Case[] = SUPPORTED_FIXTURES.flatMap((file) => {
  const { cases: all, now } = loadFixtures(file);
  return all.filter((testCase) => testCase.expect.signature.status === 'valid' && canRewrite(testCase.expect.format as FormatId)).map((testCase) => ({ testCase, now }));
});

async function decodeCase({ testCase, now }: Case): Promise<SessionReport> {
  const jar = [testCase.cookie, ...(testCase.companions ?? [])];
  const reports = await decodeCookies(jar, { secrets: testCase.secrets, now, knownSecrets: false, ...testCase.options });
  return reports.find((report) => report.name === testCase.cookie.name)!;
}

async function rewrite(report: SessionReport, testCase: FixtureCase): Promise<WritePreview> {
  const secret = verifyingSecret(report, testCase.secrets);
  expect(secret).not.toBeNull();
  return previewWrite({ report, payload: report.payload, secret: secret!, options: rewriteOptions(report), jar: [testCase.cookie, ...(testCase.companions ?? [])] });
}

it('canRewrite is true exactly for the formats with a writer', () => {
  const writers = FORMATS.filter((format) => format.write).map((format) => format.id);
  expect(FORMATS.map((format) => format.id).filter(canRewrite)).toEqual(writers);
  expect(canRewrite('opaque-id')).toBe(false);
  expect(canRewrite('unknown')).toBe(false);
});

it('every exception names a fixture that is rewritten here', () => {
  const ids = new Set(cases.map(({ testCase }) => testCase.id));
  expect(Object.keys(CANNOT_REPRODUCE).filter((id) => !ids.has(id))).toEqual([]);
});

describe('rewriteOptions(report) with the verifying secret writes the same session again: valid, same payload, same configuration', () => {
  for (const entry of cases) {
    const why = CANNOT_REPRODUCE[entry.testCase.id];
    it(why === undefined ? entry.testCase.id : `${entry.testCase.id} cannot: ${why}`, async () => {
      const report = await decodeCase(entry);
      expect(report.signature.status).toBe('valid');
      const preview = await rewrite(report, entry.testCase);
      const same =
        preview.ok &&
        preview.report.format === report.format &&
        preview.report.signature.status === 'valid' &&
        JSON.stringify(preview.report.payload) === JSON.stringify(report.payload) &&
        JSON.stringify(preview.report.signature.config) === JSON.stringify(report.signature.config) &&
        preview.changes.length === 0;
      if (why !== undefined) {
        expect(same).toBe(false);
        return;
      }
      if (!preview.ok) throw new Error(preview.problem.message);
      expect(preview.report.format).toBe(report.format);
      expect(preview.report.signature.status).toBe('valid');
      expect(preview.report.payload).toEqual(report.payload);
      expect(preview.report.signature.config).toEqual(report.signature.config);
      expect(preview.changes).toEqual([]);
      // An untimed value is written signed now; an expiry from the reader's max age is not the writer's to keep.
      if (report.issuedAt !== null) expect(preview.report.issuedAt).toBe(report.issuedAt);
      if (report.expiresAt !== null && entry.testCase.options?.maxAge === undefined) expect(preview.report.expiresAt).toBe(report.expiresAt);
    });
  }
});
