import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../lib/codec/base64';
import { TOO_DEEP } from '../../lib/codec/json';
import { decodeGob } from '../../lib/serializers/gob';
import { loadFixtures } from '../fixtures';

const streams = (loadFixtures('gorilla.json') as unknown as { gob: { stream: string }[] }).gob.map((testCase) => decodeBase64(testCase.stream)!);

/** A Go-written stream with random bytes overwritten, inserted or cut: type definitions and counts go wrong. */
const editedStream = fc
  .tuple(fc.constantFrom(...streams), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { minLength: 1, maxLength: 6 }))
  .map(([stream, edits]) => {
    const bytes = [...stream];
    for (const [at, byte, kind] of edits) {
      const index = bytes.length === 0 ? 0 : at % bytes.length;
      if (kind === 'set') bytes[index] = byte;
      else if (kind === 'insert') bytes.splice(index, 0, byte);
      else bytes.splice(index, 1);
    }
    return new Uint8Array(bytes);
  });

function answers(bytes: Uint8Array): boolean {
  const result = decodeGob(bytes);
  if (result.ok) JSON.stringify(result.json);
  else if (result.reason !== TOO_DEEP) expect(result.reason).toMatch(/^gob: /);
  return true;
}

describe('the gob reader never throws and always answers', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), answers), { numRuns: 3000 });
  });

  it('on Go-written streams with random edits', () => {
    fc.assert(fc.property(editedStream, answers), { numRuns: 3000 });
  });
});
