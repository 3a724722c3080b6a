import { CompactSign } from 'jose';
import { encodeBase64Url } from '../codec/base64';
import { dumpJson, isObject } from '../codec/json';
import { encodeUtf8 } from '../codec/text';
import { readPublicKeyText } from '../crypto/public-key';

export type JwtTestVariant = 'alg-none' | 'public-key-hmac' | 'empty-signature';

type TestToken = { ok: true; token: string } | { ok: false; message: string };

/**
 * Test tokens for your own app: unsigned (`alg: none`, empty signature part), HS256 keyed with the public key's
 * text (algorithm confusion), or the original header/claims with the signature removed. The `jwt` writer refuses
 * public-key algorithms: the confusion token keeps the original header (its `kid`, `typ`) with only `alg` changed.
 */
export async function jwtTestToken(variant: JwtTestVariant, claims: unknown, header: Record<string, unknown>, publicKeyText?: string): Promise<TestToken> {
  if (!isObject(claims)) return { ok: false, message: 'JWT claims are an object' };
  const claimsJson = dumpJson(claims);
  if (!claimsJson.ok) return { ok: false, message: claimsJson.reason };
  switch (variant) {
    case 'alg-none':
      return unsignedToken({ alg: 'none', ...(header.typ !== undefined ? { typ: header.typ } : {}) }, claimsJson.text);
    case 'empty-signature':
      return unsignedToken(header, claimsJson.text);
    case 'public-key-hmac':
      return publicKeyHmacToken(header, claimsJson.text, publicKeyText);
  }
}

/** `header.claims.`: no signature part. */
function unsignedToken(header: Record<string, unknown>, claims: string): TestToken {
  const headerJson = dumpJson(header);
  if (!headerJson.ok) return { ok: false, message: headerJson.reason };
  return { ok: true, token: `${part(headerJson.text)}.${part(claims)}.` };
}

/** The original header with `alg: HS256`, signed with the public key's text as the HMAC secret, as a confused verifier takes it. */
async function publicKeyHmacToken(header: Record<string, unknown>, claims: string, publicKeyText: string | undefined): Promise<TestToken> {
  if (publicKeyText === undefined || !readPublicKeyText(publicKeyText)) return { ok: false, message: 'the public key is needed, as PEM or JWK' };
  try {
    const token = await new CompactSign(encodeUtf8(claims)).setProtectedHeader({ ...header, alg: 'HS256' }).sign(encodeUtf8(publicKeyText));
    return { ok: true, token };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function part(json: string): string {
  return encodeBase64Url(encodeUtf8(json));
}
