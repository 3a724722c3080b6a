import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpJson } from '../../lib/codec/json';
import { encodeUtf8 } from '../../lib/codec/text';
import { unserializePhp } from '../../lib/serializers/php-serialize';
import { readPickle } from '../../lib/serializers/pickle';
import { loadDjangoPayload, splitDjangoTimed } from '../../lib/signing/django';
import { loadFixtures } from '../fixtures';

/** Real PHP 8.2 serialize() output: a Laravel session's attributes, a self-referencing object, custom and enum values. */
const PHP_SEEDS = [
  'a:8:{s:6:"_token";s:40:"mQmMvQlLGK69nGpqmdhXujNVr3m970qgNXYjgLRz";s:9:"_previous";a:1:{s:3:"url";s:24:"http://localhost/profile";}s:6:"_flash";a:2:{s:3:"old";a:0:{}s:3:"new";a:1:{i:0;s:6:"status";}}s:50:"login_web_59ba36addc2b2f9401580f014c7f58ea4e30989d";i:7;s:4:"cart";a:1:{i:0;O:8:"CartLine":3:{s:3:"sku";s:3:"B-7";s:11:"\0*\0quantity";i:3;s:19:"\0CartLine\0unitPrice";d:9.5;}}s:5:"ratio";d:0.25;s:4:"beta";b:1;s:4:"none";N;}',
  'O:4:"Node":2:{s:4:"next";r:1;s:8:"\0*\0label";s:1:"n";}',
  'a:2:{s:1:"a";a:2:{i:0;i:1;i:1;i:2;}s:1:"b";R:2;}',
  'a:6:{i:0;d:INF;i:1;d:-INF;i:2;d:NAN;i:3;d:1.5E+300;i:4;d:-0;i:5;i:9223372036854775807;}',
  'C:5:"Money":6:{EUR:10}',
  'E:11:"Suit:Hearts";',
  // Escaped S: strings, which unserialize() reads though serialize() no longer writes them.
  'a:1:{S:3:"k\\65y";S:4:"\\00*\\00x";}',
].map(encodeUtf8);

/** Real pickles: the PickleSerializer sessions Django made for the fixtures (protocols 5 and 2, a REDUCE of os.system). */
const PICKLE_SEEDS = loadFixtures('django.json').cases.flatMap((testCase) => {
  const signed = splitDjangoTimed(testCase.cookie.value);
  const loaded = signed ? loadDjangoPayload(signed.value) : null;
  return loaded && !loaded.ok && loaded.pickle ? [loaded.pickle] : [];
});

/** One byte-level edit: flip, insert, delete, truncate, or repeat the whole input. */
const byteEdit = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 20 }) }),
);

type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

function edited(seed: Uint8Array, edits: ByteEdit[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const edit of edits) {
    const at = 'at' in edit ? edit.at % (bytes.length + 1) : 0;
    if (edit.kind === 'flip') bytes[at] = edit.byte;
    else if (edit.kind === 'insert') bytes.splice(at, 0, ...edit.bytes);
    else if (edit.kind === 'delete') bytes.splice(at, edit.length);
    else if (edit.kind === 'truncate') bytes = bytes.slice(0, at);
    else if (bytes.length < 64 * 1024) bytes = Array(edit.times).fill(bytes).flat();
  }
  return Uint8Array.from(bytes);
}

function mutatedSeed(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(byteEdit, { minLength: 1, maxLength: 4 })).map(([seed, edits]) => edited(seed, edits));
}

/** Whatever a reader accepts, the app can show and send: JSON within the depth limit. */
function showable(result: { ok: true; value: unknown } | { ok: false; reason: string }): boolean {
  if (!result.ok) return typeof result.reason === 'string' && result.reason.length > 0;
  return dumpJson(result.value).ok;
}

describe('the PHP unserialize reader never throws and stays showable', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => showable(unserializePhp(bytes))), { numRuns: 1500 });
  });

  it('on real serialize() output with random edits', () => {
    fc.assert(fc.property(mutatedSeed(PHP_SEEDS), (bytes) => showable(unserializePhp(bytes))), { numRuns: 1500 });
  });

  it('reads every seed', () => {
    for (const seed of PHP_SEEDS) expect(unserializePhp(seed).ok).toBe(true);
  });
});

describe('the pickle reader never throws and stays showable', () => {
  it('on random bytes, with and without a PROTO header', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ maxLength: 512 }).map((tail) => Uint8Array.from([0x80, 0x04, ...tail])));
    fc.assert(fc.property(bytes, (input) => showable(readPickle(input))), { numRuns: 1500 });
  });

  it('on real pickles with random edits', () => {
    fc.assert(fc.property(mutatedSeed(PICKLE_SEEDS), (bytes) => showable(readPickle(bytes))), { numRuns: 1500 });
  });

  it('reads every seed', () => {
    expect(PICKLE_SEEDS.length).toBeGreaterThanOrEqual(3);
    for (const seed of PICKLE_SEEDS) expect(readPickle(seed).ok).toBe(true);
  });
});
