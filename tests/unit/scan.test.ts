import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSecret, deriveKey, findMatchingSecret, type HmacCheck, type KeyDerivation } from '../../lib/crypto/hmac-check';
import { hmacDigest, secretBytes, type DigestName, type SecretEncoding } from '../../lib/crypto/digest';
import { knownSecrets } from '../../lib/known-keys/list';
import { loadScanWasm } from '../../lib/scan/engine-wasm';
import { createScanner, type ScanEngineName } from '../../lib/scan/scanner';
import type { Secret } from '../../lib/types';
import { loadFixtures } from '../fixtures';
import { checksOf } from '../scan-helpers';

const ENGINES: ScanEngineName[] = ['js', 'wasm'];
const FLASK = loadFixtures('flask.json');
const KNOWN: Secret[] = knownSecrets().map((entry) => entry.secret);
/** Enough of the known list for first/middle/last (the generic check it is compared with is slow). */
const FILLER = KNOWN.slice(0, 300);

beforeAll(async () => {
  expect(await loadScanWasm()).toBe(true);
});

/** findMatchingSecret's answer as (secret index, check index). */
function generic(checks: readonly HmacCheck[], list: readonly Secret[]): [number, number] {
  const match = findMatchingSecret(checks, list);
  return match ? [match.secretIndex, checks.indexOf(match.check)] : [-1, -1];
}

function fast(engine: ScanEngineName, checks: readonly HmacCheck[], list: readonly Secret[]): [number, number] {
  const scanner = createScanner(checks, { engine });
  // Without a SHA-1 check there is nothing for WebAssembly to do.
  expect(scanner.engine).toBe(checks.some((check) => check.digest === 'sha1') ? engine : 'js');
  const index = scanner.findFirst(list);
  return index < 0 ? [-1, -1] : [index, scanner.testIndex(list[index]!)];
}

const valid = FLASK.cases.filter((c) => c.expect.signature.status === 'valid' && checksOf(c) !== null);
const invalid = FLASK.cases.filter((c) => c.expect.signature.status === 'invalid' && checksOf(c) !== null);

describe.each(ENGINES)('%s engine on the real Flask-family cookies (tests/fixtures/flask.json)', (engine) => {
  it('has HMAC cases to test', () => {
    expect(valid.length).toBeGreaterThan(20);
    expect(invalid.length).toBeGreaterThan(3);
  });

  it.each(valid.map((c) => [c.id, c] as const))('%s: found first, in the middle and last, with the right check', (_id, c) => {
    const checks = checksOf(c)!;
    const secret = c.secrets[c.expect.signature.secretIndex!]!;
    const filler = FILLER.filter((s) => s !== secret);
    for (const position of [0, filler.length >> 1, filler.length]) {
      const list = [...filler.slice(0, position), secret, ...filler.slice(position)];
      const answer = fast(engine, checks, list);
      expect(answer).toEqual([position, answer[1]]);
      expect(answer).toEqual(generic(checks, list));
    }
    const scanner = createScanner(checks, { engine });
    const check = scanner.test(secret)!;
    expect(check).not.toBeNull();
    if (c.expect.config) expect(check.config).toMatchObject(c.expect.config.keyDerivation === 'none' ? { keyDerivation: 'none' } : c.expect.config);
  });

  it.each(invalid.map((c) => [c.id, c] as const))('%s: not found', (_id, c) => {
    const checks = checksOf(c)!;
    const list = [...c.secrets, ...KNOWN];
    expect(fast(engine, checks, list)).toEqual([-1, -1]);
    expect(generic(checks, [...c.secrets, ...FILLER])).toEqual([-1, -1]);
  });

  it('finds nothing in an empty list, and the first of two copies', () => {
    const c = valid.find((x) => x.id === 'flask-plain')!;
    const checks = checksOf(c)!;
    const scanner = createScanner(checks, { engine });
    expect(scanner.findFirst([])).toBe(-1);
    const list = ['a', 'b', 's3cr3t-flask-key', 'c', 's3cr3t-flask-key'];
    expect(scanner.findFirst(list)).toBe(2);
    expect(scanner.findFirst(list, 3)).toBe(4);
    expect(scanner.findFirst(list, 0, 2)).toBe(-1);
  });

  it('finds the secret on either side of the WebAssembly batch boundary (2048) and in every lane', () => {
    const c = valid.find((x) => x.id === 'flask-plain')!;
    const checks = checksOf(c)!;
    const scanner = createScanner(checks, { engine });
    const filler = Array.from({ length: 4100 }, (_, i) => `filler-${i}`);
    for (const position of [2044, 2045, 2046, 2047, 2048, 2049, 4099, 4100]) {
      const list = [...filler.slice(0, position), 's3cr3t-flask-key', ...filler.slice(position)];
      expect(scanner.findFirst(list)).toBe(position);
    }
  });

  it('scan() reports the secret, the check, attempts and progress, and stops on abort', async () => {
    const c = valid.find((x) => x.id === 'flask-plain')!;
    const checks = checksOf(c)!;
    const scanner = createScanner(checks, { engine });
    const list = [...Array.from({ length: 3000 }, (_, i) => `filler-${i}`), 's3cr3t-flask-key'];
    const progress: number[] = [];
    const result = await scanner.scan(list, { onProgress: (p) => progress.push(p.attempts) });
    expect(result).toMatchObject({ found: true, index: 3000, secret: 's3cr3t-flask-key', attempts: 3001 });
    expect(result.check).toBe(checks[0]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const missing = await scanner.scan(list.slice(0, 3000));
    expect(missing).toMatchObject({ found: false, attempts: 3000 });

    const controller = new AbortController();
    const aborted = await scanner.scan(list, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(aborted.found).toBe(false);
    expect(aborted.cancelled).toBe(true);
    expect(aborted.attempts).toBeLessThan(list.length);
    controller.abort();
    expect(await scanner.scan(list, { signal: controller.signal })).toMatchObject({ found: false, cancelled: true, attempts: 0 });
  });
});

// ---------------------------------------------------------------- random checks against the generic checkSecret

const bytesArb = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });
const secretArb: fc.Arbitrary<Secret> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('a', 'é', 'ÿ', '€', '😀', '\u0000', '\ud800'), maxLength: 70 }),
  bytesArb(200),
);
const derivationArb: fc.Arbitrary<KeyDerivation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  bytesArb(150).map((salt) => ({ kind: 'hmac' as const, salt })),
  bytesArb(150).map((prefix) => ({ kind: 'concat' as const, prefix })),
);
const digestArb = fc.constantFrom<DigestName>('sha1', 'sha1', 'sha1', 'sha256');
const encodingArb = fc.constantFrom<SecretEncoding>('utf8', 'latin1');

/** A check signed with `signer` (when representable), or with random bytes. */
function makeCheck(digest: DigestName, derivation: KeyDerivation, encoding: SecretEncoding, message: Uint8Array, signer: Secret): HmacCheck {
  const bytes = secretBytes(signer, encoding);
  const signature = bytes ? hmacDigest(digest, deriveKey(derivation, digest, bytes), message) : new Uint8Array(digest === 'sha1' ? 20 : 32);
  return { digest, derivation, encoding, message, signature, config: { kind: derivation.kind } };
}

describe.each(ENGINES)('%s engine equals checkSecret on random inputs', (engine) => {
  it('one check, a short list of guesses (every SIMD lane position)', () => {
    fc.assert(
      fc.property(
        digestArb,
        derivationArb,
        encodingArb,
        bytesArb(300),
        fc.array(secretArb, { minLength: 1, maxLength: 9 }),
        fc.nat(),
        (digest, derivation, encoding, message, guesses, pick) => {
          const signer = guesses[pick % guesses.length]!;
          const check = makeCheck(digest, derivation, encoding, message, signer);
          const scanner = createScanner([check], { engine: digest === 'sha1' ? engine : 'js' });
          const expected = guesses.findIndex((guess) => checkSecret(check, guess));
          expect(scanner.findFirst(guesses)).toBe(expected);
          for (const guess of guesses) expect(scanner.testIndex(guess)).toBe(checkSecret(check, guess) ? 0 : -1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('several checks at once keep the order of checks and of guesses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(digestArb, derivationArb, encodingArb), { minLength: 1, maxLength: 5 }),
        bytesArb(120),
        fc.array(secretArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (shapes, message, guesses, pick) => {
          const signer = guesses[pick % guesses.length]!;
          const checks = shapes.map(([digest, derivation, encoding], i) => makeCheck(digest, derivation, encoding, message, i % 2 ? signer : 'not-the-signer'));
          expect(fast(engine, checks, guesses)).toEqual(generic(checks, guesses));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('edge secrets: empty, 55/56/63/64/65 bytes, longer than a block, non-ASCII, bytes', () => {
    const message = new TextEncoder().encode('eyJ1c2VyIjoiYWRtaW4ifQ.ZxYz12');
    const secrets: Secret[] = [
      '',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(63),
      'x'.repeat(64),
      'x'.repeat(65),
      'y'.repeat(200),
      'é'.repeat(32),
      'é'.repeat(33),
      'clé secrète ключ 秘密 🔑',
      '\u00ff\u0000\u0080',
      new Uint8Array(0),
      new Uint8Array([0, 255, 128, 1]),
      new Uint8Array(64).fill(7),
      new Uint8Array(65).fill(7),
      new Uint8Array(300).fill(9),
    ];
    const derivations: KeyDerivation[] = [
      { kind: 'none' },
      { kind: 'hmac', salt: new TextEncoder().encode('cookie-session') },
      { kind: 'concat', prefix: new TextEncoder().encode('itsdangerous.Signersigner') },
      { kind: 'concat', prefix: new Uint8Array(130).fill(65) },
      { kind: 'hmac', salt: new Uint8Array(60).fill(66) },
    ];
    for (const derivation of derivations) {
      for (const encoding of ['utf8', 'latin1'] as const) {
        for (const signer of secrets) {
          const check = makeCheck('sha1', derivation, encoding, message, signer);
          const scanner = createScanner([check], { engine });
          const expected = secrets.findIndex((guess) => checkSecret(check, guess));
          expect(scanner.findFirst(secrets), `${derivation.kind} ${encoding} ${String(signer).slice(0, 10)}`).toBe(expected);
          expect(scanner.test(signer)).toBe(checkSecret(check, signer) ? check : null);
        }
      }
    }
  });
});

describe.each(ENGINES)('%s engine with long secrets (hashed into keys, grouped by length in WebAssembly)', (engine) => {
  const message = new TextEncoder().encode('eyJ1c2VyIjoiYWRtaW4ifQ.ZxYz12');
  const derivations: KeyDerivation[] = [{ kind: 'none' }, { kind: 'hmac', salt: new TextEncoder().encode('cookie-session') }, { kind: 'concat', prefix: new TextEncoder().encode('cookie-sessionsigner') }];
  const long = (length: number, seed: string) => Array.from({ length }, (_, i) => seed[i % seed.length]).join('');

  it('finds secrets of 65 to 5000 bytes among short and long ones, in list order', () => {
    const lengths = [65, 100, 127, 128, 129, 191, 192, 200, 500, 1000, 4095, 4096, 4097, 5000];
    const filler: Secret[] = [];
    for (let i = 0; i < 40; i++) filler.push(long(lengths[i % lengths.length]! + (i % 3), `f${i}-`), `short-${i}`);
    for (const derivation of derivations) {
      for (const length of lengths) {
        const secret = long(length, 'secret!');
        const check = makeCheck('sha1', derivation, 'utf8', message, secret);
        const scanner = createScanner([check], { engine });
        for (const position of [0, 37, filler.length]) {
          const list = [...filler.slice(0, position), secret, ...filler.slice(position)];
          expect(scanner.findFirst(list), `${derivation.kind} ${length} at ${position}`).toBe(position);
        }
        expect(scanner.findFirst([...filler, new TextEncoder().encode(secret)])).toBe(filler.length);
      }
    }
  });

  it('takes the earliest of several matching long secrets, whatever their lengths', () => {
    const a = long(100, 'a');
    const b = long(300, 'b');
    const c = long(101, 'c');
    const checks = [makeCheck('sha1', { kind: 'none' }, 'utf8', message, a), makeCheck('sha1', { kind: 'concat', prefix: new Uint8Array(3) }, 'utf8', message, b), makeCheck('sha1', { kind: 'none' }, 'utf8', message, c)];
    const scanner = createScanner(checks, { engine });
    expect(scanner.findFirst(['x', long(90, 'y'), b, long(120, 'z'), a, c])).toBe(2);
    expect(scanner.findFirst(['x', long(90, 'y'), c, long(120, 'z'), a, b])).toBe(2);
    expect(scanner.findFirst(['x', a, c])).toBe(1);
    expect(fast(engine, checks, [long(90, 'y'), c, a, b])).toEqual(generic(checks, [long(90, 'y'), c, a, b]));
  });

  it('UTF-8 and latin-1 checks together, long guesses in between (memory grows mid-batch)', () => {
    const utf8Key = long(200, 'ü');
    const latin1Key = 'clé-latin1';
    const checks = [makeCheck('sha1', { kind: 'none' }, 'utf8', message, utf8Key), makeCheck('sha1', { kind: 'hmac', salt: new Uint8Array(2) }, 'latin1', message, latin1Key)];
    const filler = Array.from({ length: 50 }, (_, i) => (i % 2 ? long(70 + i * 40, `l${i}`) : `s${i}`));
    for (const [list, expected] of [
      [[...filler, latin1Key, utf8Key], 50],
      [[...filler, utf8Key, latin1Key], 50],
      [[...filler.slice(0, 7), latin1Key, ...filler.slice(7)], 7],
    ] as const) {
      const scanner = createScanner(checks, { engine });
      expect(scanner.findFirst(list)).toBe(expected);
      expect(scanner.findFirst(list)).toBe(expected);
    }
  });

  it('a key longer than a block equals its SHA-1 (HMAC), found both ways', () => {
    const secret = long(300, 'k');
    const check = makeCheck('sha1', { kind: 'none' }, 'utf8', message, secret);
    const digest = new Uint8Array(createHash('sha1').update(secret).digest());
    expect(createScanner([check], { engine }).findFirst(['x', digest, secret])).toBe(1);
    expect(createScanner([check], { engine }).findFirst(['x', secret, digest])).toBe(1);
  });
});

describe('engine choice', () => {
  it('auto picks WebAssembly once loaded, JS for checks without SHA-1', () => {
    const sha1 = makeCheck('sha1', { kind: 'none' }, 'utf8', new Uint8Array(3), 'k');
    const sha256 = makeCheck('sha256', { kind: 'none' }, 'utf8', new Uint8Array(3), 'k');
    expect(createScanner([sha1]).engine).toBe('wasm');
    expect(createScanner([sha256]).engine).toBe('js');
    expect(createScanner([sha1], { engine: 'js' }).engine).toBe('js');
    expect(createScanner([sha256, sha1]).findFirst(['x', 'k'])).toBe(1);
    expect(createScanner([sha256, sha1]).test('k')).toBe(sha256);
  });

  it('a SHA-1 check whose signature is not 20 bytes never matches', () => {
    const check = { ...makeCheck('sha1', { kind: 'none' }, 'utf8', new Uint8Array(3), 'k'), signature: new Uint8Array(19) };
    for (const engine of ENGINES) expect(createScanner([check], { engine }).findFirst(['k', ''])).toBe(-1);
  });

  it('PBKDF2 derivations go to the generic check', () => {
    const check = makeCheck('sha1', { kind: 'pbkdf2', digest: 'sha1', salt: new Uint8Array(4), iterations: 2, length: 20 }, 'utf8', new Uint8Array(5), 'k');
    for (const engine of ENGINES) expect(createScanner([check], { engine }).findFirst(['a', 'k'])).toBe(1);
  });
});
