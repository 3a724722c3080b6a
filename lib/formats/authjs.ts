import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { calculateJwkThumbprint, compactDecrypt, CompactEncrypt } from 'jose';
import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { dumpJson, isObject, parseJson, type JsonObject } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { secretBytes } from '../crypto/digest';
import { malformed, type Secret } from '../types';
import { chunkName, chunksFact, chunkValues, laterChunkReading, numberedFromZero } from './chunks';
import type { FormatContext, Opened, Reading, SessionFormat, Signing } from './format';
import { cannotWrite, written } from './write';

/** Compact JWE with `alg: dir`: `header..iv.ciphertext.tag` (no encrypted key). */
const COMPACT_DIR_JWE = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Auth.js v5 encrypts with A256CBC-HS512 and still reads v4's A256GCM; NextAuth v4 writes A256GCM. */
const ENCRYPTIONS = { 'A256CBC-HS512': 64, A256GCM: 32 } as const;
type Encryption = keyof typeof ENCRYPTIONS;

/** SessionStore's chunk size: 4096 bytes a cookie less its estimate of the name and attributes (v5: 160, v4: 163). */
const CHUNK_SIZE = { 'A256CBC-HS512': 4096 - 160, A256GCM: 4096 - 163 } as const;

const V5_NAME = 'authjs.session-token';
const V4_NAME = /^(?:__Secure-)?next-auth\.session-token$/;

const IDENTITY = { format: 'authjs', label: 'Auth.js session (encrypted JWT)' } as const;

/** One way a secret becomes the content encryption key. */
interface Derivation {
  salt: string;
  info: string;
  length: number;
  version: string;
}

/**
 * Auth.js (v5, `@auth/core`) and NextAuth.js v4 JWT sessions: `<prefix>.session-token` (or the app's own name) holds a
 * compact JWE, `alg: dir`, whose key is HKDF-SHA256 of AUTH_SECRET / NEXTAUTH_SECRET. v5 salts it with the cookie name
 * (so a renamed cookie does not open); v4 does not. Values over ~4 KB are split into `<name>.0`, `<name>.1`, …
 * (reported on `.0`). The header is readable; the claims need the secret.
 */
export const authjs: SessionFormat = {
  id: 'authjs',
  read(cookie, context) {
    const chunk = chunkName(cookie.name);
    if (chunk && chunk.index > 0) {
      const first = context.jar.get(`${chunk.base}.0`);
      const whole = first === undefined ? null : readJoined(chunk.base, first, context);
      return whole && chunk.index < whole.count ? laterChunkReading(IDENTITY, chunk.index + 1, whole.count, whole.reading.signing, numberedFromZero(chunk.base, whole.count)) : null;
    }
    if (chunk) return readJoined(chunk.base, cookie.value, context)?.reading ?? null;
    return readToken(cookie.name, cookie.value, null, context);
  },
  /**
   * The claims encrypted as Auth.js's `encode` does (`kid` = JWK thumbprint of the key) for a v5 name, as NextAuth v4's
   * for a `next-auth.session-token` name; chunked as SessionStore chunks. The claims are written as given (`iat`,
   * `exp`, `jti` included): the reader shows them all.
   */
  async write(payload, secret, options) {
    // A report on `<name>.0` names the whole chunked session: write `<name>`, chunked again as it needs.
    const given = options.name ?? V5_NAME;
    const name = chunkName(given)?.base ?? given;
    if (!isObject(payload)) return cannotWrite('an Auth.js session is a JWT: the payload must be a JSON object');
    const claims = dumpJson(payload);
    if (!claims.ok) return cannotWrite(claims.reason);
    const ikm = secretBytes(secret, 'utf8')!;
    if (ikm.length === 0) return cannotWrite('AUTH_SECRET cannot be empty');
    const enc: Encryption = V4_NAME.test(name) ? 'A256GCM' : 'A256CBC-HS512';
    const key = deriveKey(ikm, derivationsFor(enc, name, options.salt)[0]!);
    const header = enc === 'A256GCM' ? { alg: 'dir', enc } : { alg: 'dir', enc, kid: await thumbprint(key) };
    const token = await new CompactEncrypt(encodeUtf8(claims.text)).setProtectedHeader(header).encrypt(key);
    return written(...chunked(name, token, CHUNK_SIZE[enc]));
  },
};

interface Joined {
  reading: Reading;
  count: number;
}

function readJoined(base: string, first: string, context: FormatContext): Joined | null {
  const values = chunkValues(base, first, context.jar);
  const reading = readToken(base, values.join(''), values.length, context);
  return reading && { reading, count: values.length };
}

/** `chunks`: how many `<name>.N` cookies were joined, null for a cookie that is not chunked. */
function readToken(name: string, value: string, chunks: number | null, context: FormatContext): Reading | null {
  const header = readHeader(value.slice(0, value.indexOf('.') >>> 0));
  if (!header) return null;
  const enc = header.enc as Encryption;
  const whole = COMPACT_DIR_JWE.test(value);
  // No key opens a token cut short (a chunk lost or left over from an older session): "invalid" once a secret is given.
  const signing: Signing = { kind: 'keyed', open: whole ? (secret) => open(value, enc, derivationsFor(enc, name, context.salt), secret) : async () => null };
  return {
    ...IDENTITY,
    label: V4_NAME.test(name) ? 'NextAuth.js v4 session (encrypted JWT)' : IDENTITY.label,
    isSession: true,
    payload: null,
    issuedAt: null,
    signing,
    warnings: [],
    facts: {
      header: JSON.stringify(header),
      enc,
      contents: 'encrypted, AUTH_SECRET needed',
      ...(chunks !== null ? { chunks: chunksFact(name, chunks) } : {}),
    },
    ...(whole ? {} : { problem: malformed(chunks !== null ? 'the joined chunks are not a whole JWE: a chunk is missing or from another session' : 'not a whole compact JWE') }),
  };
}

/** The JWE header when it is one Auth.js or NextAuth writes (`alg: dir` and a content encryption they use). */
function readHeader(part: string): JsonObject | null {
  const bytes = decodeBase64Url(part);
  const text = bytes && decodeUtf8(bytes);
  const parsed = text ? parseJson(text) : null;
  const header = parsed?.ok && isObject(parsed.json) ? parsed.json : null;
  return header && header.alg === 'dir' && typeof header.enc === 'string' && Object.hasOwn(ENCRYPTIONS, header.enc) ? header : null;
}

/**
 * v5 `getDerivedEncryptionKey`: salt = the cookie name (its `getToken` default), info names it; v4 (A256GCM only):
 * salt "" and a fixed info. A salt the user gave is tried first, as the app's own `salt` passed to `encode`.
 */
function derivationsFor(enc: Encryption, cookieName: string, userSalt: string | undefined): Derivation[] {
  const length = ENCRYPTIONS[enc];
  const v5 = (salt: string): Derivation => ({ salt, info: `Auth.js Generated Encryption Key (${salt})`, length, version: 'Auth.js v5' });
  const v4 = (salt: string): Derivation => ({ salt, info: `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ''}`, length, version: 'NextAuth.js v4' });
  const salts = [...new Set([userSalt, cookieName].filter((salt): salt is string => salt !== undefined))];
  const v5s = salts.map(v5);
  if (enc !== 'A256GCM') return v5s;
  const v4s = [...new Set(['', ...(userSalt !== undefined ? [userSalt] : [])])].map(v4);
  return V4_NAME.test(cookieName) ? [...v4s, ...v5s] : [...v5s, ...v4s];
}

function deriveKey(ikm: Uint8Array, { salt, info, length }: Derivation): Uint8Array {
  return hkdf(sha256, ikm, encodeUtf8(salt), encodeUtf8(info), length);
}

async function open(token: string, enc: Encryption, derivations: readonly Derivation[], secret: Secret): Promise<Opened | null> {
  const ikm = secretBytes(secret, 'utf8');
  if (!ikm?.length) return null;
  for (const derivation of derivations) {
    const claims = await decrypt(token, enc, deriveKey(ikm, derivation));
    if (claims) {
      return {
        payload: claims,
        issuedAt: numericDate(claims.iat),
        expiresAt: numericDate(claims.exp),
        detail: `${derivation.version}, ${enc}, key HKDF-SHA256 with salt ${JSON.stringify(derivation.salt)}`,
        config: { version: derivation.version, enc, keyDerivation: 'hkdf-sha256', salt: derivation.salt, info: derivation.info },
      };
    }
  }
  return null;
}

/** The claims, or null when the key does not open the token or what it holds is not a JSON object (jwtDecrypt refuses both). */
async function decrypt(token: string, enc: Encryption, key: Uint8Array): Promise<JsonObject | null> {
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(token, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [enc] }));
  } catch {
    return null;
  }
  const text = decodeUtf8(plaintext);
  const parsed = text === null ? null : parseJson(text);
  return parsed?.ok && isObject(parsed.json) ? parsed.json : null;
}

/** v5's `kid`: the RFC 7638 thumbprint of the key as an `oct` JWK, with SHA-(key bits). */
function thumbprint(key: Uint8Array): Promise<string> {
  return calculateJwkThumbprint({ kty: 'oct', k: encodeBase64Url(key) }, key.length === 64 ? 'sha512' : 'sha256');
}

/** SessionStore: one cookie when the value fits, else `<name>.0`, `<name>.1`, … of `size` characters. */
function chunked(name: string, value: string, size: number): [string, string][] {
  const count = Math.ceil(value.length / size);
  if (count === 1) return [[name, value]];
  return Array.from({ length: count }, (_, i) => [`${name}.${i}`, value.slice(i * size, (i + 1) * size)]);
}

function numericDate(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
