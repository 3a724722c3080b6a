import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import type { WriteOptions, WriteResult } from '../../lib/formats/format';
import { FORMATS, writeCookie } from '../../lib/formats/registry';
import type { KeyDerivationName } from '../../lib/signing/itsdangerous';
import type { DigestName } from '../../lib/crypto/digest';
import type { FormatId, SessionReport } from '../../lib/types';
import { loadFixtures, SUPPORTED_FIXTURES, type FixtureCase } from '../fixtures';

const WRITERS = new Set(FORMATS.filter((format) => format.write).map((format) => format.id));

/** The formats this change writes: the list is the contract the round trips below hold each of them to. */
it('writes the formats whose signing scheme it implements', () => {
  expect([...WRITERS].sort()).toEqual(
    ['django-session', 'django-signed', 'express-cookie-session', 'express-session-id', 'express-signed', 'flask', 'itsdangerous', 'jwt', 'rails-encrypted', 'rails-signed'].sort(),
  );
});

async function decodeCase(testCase: FixtureCase, now: number): Promise<SessionReport> {
  const jar = [testCase.cookie, ...(testCase.companions ?? [])];
  const reports = await decodeCookies(jar, { secrets: testCase.secrets, now, knownSecrets: false, ...testCase.options });
  return reports.find((report) => report.name === testCase.cookie.name)!;
}

/** Everything a framework let the app choose, as a decoded report tells it. */
function optionsFrom(report: SessionReport, testCase: FixtureCase): WriteOptions {
  const config = report.signature.config ?? {};
  const options: WriteOptions = { name: report.name, ...(report.issuedAt !== null ? { issuedAt: report.issuedAt } : {}) };
  const digest = config.digest as DigestName;
  switch (report.format) {
    case 'flask':
    case 'itsdangerous':
      return { ...options, salt: config.salt, keyDerivation: config.keyDerivation as KeyDerivationName, digest };
    case 'django-signed':
      return { ...options, digest, salt: testCase.options?.salt };
    case 'jwt':
      return { ...options, alg: report.facts.alg };
    case 'rails-signed':
      return { ...options, digest, kdfDigest: /pbkdf2-hmac-(\w+)/.exec(config.keyDerivation!)![1] as DigestName, ...railsExpiry(report) };
    case 'rails-encrypted':
      return { ...options, kdfDigest: digest, ...railsExpiry(report) };
    default:
      return { ...options, digest };
  }
}

function railsExpiry(report: SessionReport): Pick<WriteOptions, 'expiresAt'> {
  return report.expiresAt === null ? {} : { expiresAt: report.expiresAt };
}

function cookiesOf(result: WriteResult) {
  if (!result.ok) throw new Error(`write refused: ${result.problem.message}`);
  return result.cookies;
}

interface WritableCase {
  testCase: FixtureCase;
  now: number;
  report: SessionReport;
}

/** Fixtures whose key is known, whose signature the decoder verified, in a format that writes, with their reports. */
const writable: WritableCase[] = await Promise.all(
  SUPPORTED_FIXTURES.flatMap((file) => {
    const { cases, now } = loadFixtures(file);
    return cases
      .filter((testCase) => testCase.expect.signature.status === 'valid' && WRITERS.has(testCase.expect.format as FormatId))
      .map(async (testCase) => ({ testCase, now, report: await decodeCase(testCase, now) }));
  }),
);

/** A public-key JWT is verified with the issuer's public key: nothing here signs with a private key. */
const isPublicKeyJwt = (report: SessionReport) => report.format === 'jwt' && !/^HS/.test(report.facts.alg ?? '');

describe('decode(write(decode(c).payload)) gives the same payload, verified by the same key', () => {
  for (const { testCase, now, report } of writable) {
    it(testCase.id, async () => {
      const secret = testCase.secrets[report.signature.secretIndex!]!;
      const options = optionsFrom(report, testCase);
      const result = await writeCookie(report.format, report.payload, secret, options);
      if (isPublicKeyJwt(report)) {
        expect(result).toMatchObject({ ok: false, problem: { code: 'cannot-write' } });
        return;
      }
      const [again] = await decodeCookies(cookiesOf(result), { secrets: [secret], now, knownSecrets: false, ...testCase.options });
      expect(again!.format).toBe(report.format);
      expect(again!.payload).toEqual(report.payload);
      expect(again!.signature).toMatchObject({ status: 'valid', secretIndex: 0 });
      // An untimed itsdangerous token (Signer, Serializer) is written as URLSafeTimedSerializer writes it: signed now.
      if (report.format !== 'itsdangerous' || report.issuedAt !== null) {
        expect(again!.issuedAt).toBe(report.issuedAt);
        expect(again!.expiresAt).toBe(report.expiresAt);
      }
    });
  }
});

/**
 * Why the value Session Lens writes differs from the framework's for the same payload, key and time; null when it
 * must be the same, byte for byte.
 */
function whyNotFrameworkBytes(testCase: FixtureCase, report: SessionReport): string | null {
  if (isPublicKeyJwt(report)) return 'public-key JWTs are not written';
  if (report.format === 'rails-encrypted') return 'a fresh random IV in every value';
  if (report.facts.compression === 'zlib') return "fflate's deflate writes other bytes than zlib's (both inflate the same)";
  if (report.facts.epoch) return 'itsdangerous < 1.0 timestamps are not written';
  if (report.format === 'itsdangerous' && (report.issuedAt === null || report.facts.serializer !== 'URL-safe')) return 'written as URLSafeTimedSerializer';
  if (testCase.id === 'jwt-pyjwt-unicode') return 'PyJWT writes claims ASCII-only (json.dumps ensure_ascii), jose as JSON.stringify does';
  return null;
}

const frameworkBytes = writable.filter(({ testCase, report }) => whyNotFrameworkBytes(testCase, report) === null);

describe('with the same payload, key and time, the value the real framework set', () => {
  it('is checked for every format that writes the same bytes each time', () => {
    expect(new Set(frameworkBytes.map(({ report }) => report.format))).toEqual(new Set([...WRITERS].filter((format) => format !== 'rails-encrypted')));
  });
  for (const { testCase, report } of frameworkBytes) {
    it(testCase.id, async () => {
      const result = await writeCookie(report.format, report.payload, testCase.secrets[report.signature.secretIndex!]!, optionsFrom(report, testCase));
      const jar = [testCase.cookie, ...(testCase.companions ?? [])];
      expect(cookiesOf(result)).toEqual(jar.map(({ name, value }) => ({ name, value })));
    });
  }
});
