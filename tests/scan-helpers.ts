import { wireForms } from '../lib/codec/wire';
import type { HmacCheck } from '../lib/crypto/hmac-check';
import type { FormatContext } from '../lib/formats/format';
import { FORMATS } from '../lib/formats/registry';
import type { FixtureCase } from './fixtures';

/** The HMAC checks decode.ts would try for a fixture cookie (same wire forms, same format order), or null. */
export function checksOf(testCase: FixtureCase): HmacCheck[] | null {
  const jar = new Map([testCase.cookie, ...(testCase.companions ?? [])].map((cookie) => [cookie.name, cookie.value]));
  const context: FormatContext = { jar, ...(testCase.options?.salt !== undefined ? { salt: testCase.options.salt } : {}) };
  for (const form of wireForms(testCase.cookie.value)) {
    for (const format of FORMATS) {
      const reading = format.read({ ...testCase.cookie, value: form.value }, context);
      if (reading) return reading.signing.kind === 'hmac' ? reading.signing.checks : null;
    }
  }
  return null;
}
