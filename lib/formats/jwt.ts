import { CompactSign, compactVerify, importJWK, importSPKI, importX509 } from 'jose';
import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { dumpJson, isObject, parseJson, TOO_DEEP, type JsonObject, type JsonResult } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { isoTime } from '../display/time';
import { secretKeyedCheck, type HmacCheck } from '../crypto/hmac-check';
import { DIGEST_LENGTH, secretBytes, type DigestName } from '../crypto/digest';
import { hmacSecret, pemText, publicJwk, readPublicKeyText, spkiBlock } from '../crypto/public-key';
import type { Opened, SessionFormat, Signing } from './format';
import { malformed, type Problem, type Secret, type Warning } from '../types';
import { cannotWrite, written } from './write';

/** Apps name their JWT cookie as they like; `token` is the name the tutorials and most apps use. */
const DEFAULT_COOKIE_NAME = 'token';

/** Compact JWS: three base64url parts, the signature empty for `alg: none`. */
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

const HMAC_ALGS: Readonly<Record<string, DigestName>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The header of an unsigned token, as jsonwebtoken writes it for `algorithm: 'none'`. */
const UNSIGNED_HEADER = encodeBase64Url(encodeUtf8(JSON.stringify({ alg: 'none', typ: 'JWT' })));

/** Public-key algorithms WebCrypto (and so jose) verifies in Node 20, extension pages and workers. */
const PUBLIC_KEY_ALGS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);

/**
 * JSON Web Tokens (RFC 7519) in compact JWS form. The claims are readable without a key; the header
 * is shown in `facts.header` (its JSON). HS* signatures are HMAC checks (the secret is the key as-is),
 * public-key signatures are verified with jose against a public key entered as a secret (PEM or JWK).
 */
export const jwt: SessionFormat = {
  id: 'jwt',
  read(cookie) {
    const match = COMPACT_JWS.exec(cookie.value);
    if (!match) return null;
    const headerPart = decodeJsonPart(match[1]!);
    const header = headerPart.ok ? headerPart.json : null;
    if (!isObject(header) || typeof header.alg !== 'string') return null;
    const claimsPart = decodeJsonPart(match[2]!);
    const claims = claimsPart.ok && isObject(claimsPart.json) ? claimsPart.json : null;
    const token: Token = {
      compact: cookie.value,
      alg: header.alg,
      kid: typeof header.kid === 'string' ? header.kid : undefined,
      signingInput: `${match[1]}.${match[2]}`,
      // The pattern allows only base64url characters: this fails only for an impossible length.
      signature: decodeBase64Url(match[3]!),
      claims,
      times: claims ? claimTimes(claims) : { issuedAt: null, expiresAt: null, facts: {} },
    };
    const facts = { ...headerFacts(header), ...token.times.facts };
    const warnings: Warning[] = [];
    const signing = signingFor(token, warnings, facts);
    const unreadClaims = !claimsPart.ok && claimsPart.reason === TOO_DEEP ? TOO_DEEP : 'the claims are not a JSON object';
    const problem = !claims ? malformed(unreadClaims) : !token.signature ? malformed('the signature is not base64url') : signing.problem;
    return {
      format: 'jwt',
      label: 'JSON Web Token',
      isSession: true,
      payload: claims,
      issuedAt: token.times.issuedAt,
      expiresAt: token.times.expiresAt,
      signing: signing.signing,
      warnings,
      facts,
      ...(problem ? { problem } : {}),
    };
  },
  /**
   * An HS* token over the claims, header `{"alg":…,"typ":"JWT"}` as jsonwebtoken and PyJWT write it, signed by jose.
   * The key is the secret's bytes, or an `oct` JWK's key bytes, as HS* verification takes it; a public key's text is
   * used as it is, which is how an algorithm-confusion forgery is made. `alg: none` is the unsigned token a server
   * that accepts it can be tested with: `header.claims.`, the secret unused.
   */
  async write(payload, secret, options) {
    const name = options.name ?? DEFAULT_COOKIE_NAME;
    const alg = options.alg ?? 'HS256';
    if (alg !== 'none' && !Object.hasOwn(HMAC_ALGS, alg)) return cannotWrite(`only ${[...Object.keys(HMAC_ALGS), 'none'].join(', ')} tokens are written here, not ${alg}`);
    if (!isObject(payload)) return cannotWrite('JWT claims are an object: the payload must be a JSON object');
    const claims = dumpJson(payload);
    if (!claims.ok) return cannotWrite(claims.reason);
    if (alg === 'none') return written([name, `${UNSIGNED_HEADER}.${encodeBase64Url(encodeUtf8(claims.text))}.`]);
    const key = secretBytes(hmacSecret(secret) ?? secret, 'utf8')!;
    if (key.length === 0) return cannotWrite('an HMAC key cannot be empty');
    const token = await new CompactSign(encodeUtf8(claims.text)).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
    return written([name, token]);
  },
};

/** What verifying needs to know about one token. */
interface Token {
  compact: string;
  alg: string;
  kid: string | undefined;
  /** ASCII of `header.claims`: what the signature covers. */
  signingInput: string;
  signature: Uint8Array | null;
  claims: JsonObject | null;
  times: ClaimTimes;
}

interface ClaimTimes {
  issuedAt: number | null;
  expiresAt: number | null;
  facts: Record<string, string>;
}

/** `iat` / `exp` are NumericDate seconds; `nbf` has no field of its own, so it is a fact. */
function claimTimes(claims: JsonObject): ClaimTimes {
  const facts: Record<string, string> = {};
  const nbf = numericDate(claims.nbf);
  if (nbf !== null) facts['not valid before'] = isoTime(nbf) ?? String(nbf);
  return { issuedAt: numericDate(claims.iat), expiresAt: numericDate(claims.exp), facts };
}

function signingFor(token: Token, warnings: Warning[], facts: Record<string, string>): { signing: Signing; problem?: Problem } {
  const { alg, signature } = token;
  if (alg.toLowerCase() === 'none') {
    warnings.push({
      code: 'unsigned-jwt',
      message: 'alg "none": this token carries no signature. Anyone can write any claims into it; a server that accepts it can be impersonated at will.',
    });
    if (signature?.length !== 0) warnings.push({ code: 'stray-signature', message: 'alg "none" but a signature part is present: the token was altered or built by hand.' });
    return { signing: { kind: 'unsigned' } };
  }
  // No key verifies an unreadable signature: an empty check list reports "invalid" once a secret is given.
  if (!signature) return { signing: { kind: 'hmac', checks: [] } };
  const digest = HMAC_ALGS[alg];
  if (digest) {
    if (signature.length !== DIGEST_LENGTH[digest]) {
      return { signing: { kind: 'hmac', checks: [] }, problem: malformed(`${alg} signature has ${signature.length} bytes, not ${DIGEST_LENGTH[digest]}`) };
    }
    const check: HmacCheck = {
      ...secretKeyedCheck(digest, encodeUtf8(token.signingInput), signature, { digest }),
      // The header names the algorithm: a library that lets it choose HMAC takes the site's RS/ES public key as the secret.
      publicKeyAttack: 'jwt-algorithm-confusion',
    };
    return { signing: { kind: 'hmac', checks: [check] } };
  }
  if (PUBLIC_KEY_ALGS.has(alg)) {
    facts.key = `${alg} is a public-key signature: verify it with the issuer's public key (PEM or JWK) given as a secret`;
    return { signing: { kind: 'keyed', open: (secret) => verifyWithPublicKey(token, secret) } };
  }
  warnings.push({ code: 'unsupported-algorithm', message: `Unsupported algorithm ${JSON.stringify(alg)}: the signature cannot be checked here.` });
  return { signing: { kind: 'keyed', open: async () => null } };
}

/** Verifies the signature only (not exp/nbf: those are reported as times, not as a bad signature). */
async function verifyWithPublicKey(token: Token, secret: Secret): Promise<Opened | null> {
  const imported = await importPublicKey(secret, token.alg, token.kid);
  if (!imported) return null;
  try {
    await compactVerify(token.compact, imported.key, { algorithms: [token.alg] });
  } catch {
    return null;
  }
  return {
    payload: token.claims,
    issuedAt: token.times.issuedAt,
    expiresAt: token.times.expiresAt,
    detail: `${token.alg} signature checked with the ${imported.kind}`,
    config: { alg: token.alg, key: imported.kind },
  };
}

/** A public key from the text a user can paste: SPKI or PKCS#1 PEM, an X.509 certificate, a JWK or a JWK Set (by `kid`). */
async function importPublicKey(secret: Secret, alg: string, kid: string | undefined): Promise<{ key: CryptoKey | Uint8Array; kind: string } | null> {
  const material = readPublicKeyText(secret);
  if (!material) return null;
  try {
    if (material.kind === 'jwk') {
      const jwk = pickJwk(material.keys, kid);
      return jwk ? { key: await importJWK(publicJwk(jwk), alg), kind: 'public key (JWK)' } : null;
    }
    const block = material.blocks[0]!;
    if (block.label === 'CERTIFICATE') return { key: await importX509(pemText(block), alg), kind: 'certificate (PEM)' };
    return { key: await importSPKI(pemText(spkiBlock(block)), alg), kind: 'public key (PEM)' };
  } catch {
    return null;
  }
}

function pickJwk(keys: readonly JsonObject[], kid: string | undefined): JsonObject | null {
  return (kid !== undefined ? keys.find((key) => key.kid === kid) : undefined) ?? (keys.length === 1 ? keys[0]! : null);
}

function headerFacts(header: JsonObject): Record<string, string> {
  const facts: Record<string, string> = { header: JSON.stringify(header), alg: String(header.alg) };
  if (typeof header.typ === 'string') facts.typ = header.typ;
  if (typeof header.kid === 'string') facts.kid = header.kid;
  return facts;
}

function decodeJsonPart(part: string): JsonResult {
  const bytes = decodeBase64Url(part);
  const text = bytes ? decodeUtf8(bytes) : null;
  return text === null ? { ok: false, reason: 'not base64url of UTF-8 text' } : parseJson(text);
}

function numericDate(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
