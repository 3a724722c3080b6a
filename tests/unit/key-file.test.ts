import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretsFromKeyText } from '../../lib/crypto/key-file';

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

describe('secretsFromKeyText', () => {
  it('reads a plain list one secret per line, verbatim, skipping blank lines', () => {
    expect(secretsFromKeyText('first\r\n\n second \n{not-json}\n')).toEqual({ ok: true, secrets: ['first', ' second ', '{not-json}'] });
  });

  it('takes each PEM block as one key and ignores the text around the blocks', () => {
    const one = pem('PUBLIC KEY', 'MIIBIjAN\nBgkqhkiG');
    const two = pem('CERTIFICATE', 'MIIC\nAAAA');
    const text = `subject=CN = example\n${one}\n\nissuer=CN = example\n${two}\n`;
    expect(secretsFromKeyText(text)).toEqual({ ok: true, secrets: [one, two] });
  });

  it('reads a PEM block whose line breaks were dropped (a one-line field)', () => {
    const oneLine = '-----BEGIN PUBLIC KEY-----MIIBIjANBgkq-----END PUBLIC KEY-----';
    expect(secretsFromKeyText(oneLine)).toEqual({ ok: true, secrets: [oneLine] });
  });

  it('says which PEM block has no END line', () => {
    const text = `${pem('PUBLIC KEY', 'AAAA')}\n-----BEGIN CERTIFICATE-----\nMIIC\n-----END PUBLIC KEY-----\n`;
    expect(secretsFromKeyText(text)).toEqual({ ok: false, reason: '"-----BEGIN CERTIFICATE-----" has no matching "-----END CERTIFICATE-----"' });
  });

  it('takes a JWK, pretty-printed over many lines, as one key', () => {
    const jwk = JSON.stringify(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), null, 2);
    expect(secretsFromKeyText(`\n${jwk}\n`)).toEqual({ ok: true, secrets: [jwk] });
  });

  it('takes each key of a JWK Set as one key, as JSON text', () => {
    const keys = [{ kty: 'EC', kid: 'a', crv: 'P-256', x: 'x1', y: 'y1' }, { kty: 'OKP', crv: 'Ed25519', x: 'x2' }];
    expect(secretsFromKeyText(JSON.stringify({ keys }, null, 2))).toEqual({ ok: true, secrets: keys.map((key) => JSON.stringify(key)) });
  });

  it.each([
    ['{"kty": "RSA",\n  "n": "abc",\n', 'looks like JSON (a JWK?) but is not valid JSON'],
    ['{"keys": []}', 'a JWK Set with no keys'],
    ['{"alg": "RS256"}', 'JSON, but neither a JWK (no "kty") nor a JWK Set (no "keys")'],
  ])('refuses JSON that is no key: %j', (text, reason) => {
    expect(secretsFromKeyText(text)).toEqual({ ok: false, reason });
  });
});
