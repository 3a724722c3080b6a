import { digestsForLength, secretBytes, type DigestName } from '../crypto/digest';
import { computeMac, type KeyDerivation } from '../crypto/hmac-check';
import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { parseJson } from '../codec/json';
import { decodeLatin1, encodeUtf8 } from '../codec/text';
import { inflateZlib } from '../codec/zlib';
import type { Secret } from '../types';
import { dumpUrlSafe } from './itsdangerous';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Timestamps outside these bounds are not Django's (`int(time.time())`): 2005-07-01 (Django's first
 * release) to 2100. The bound keeps random `a:b:c` values from being taken for signed cookies.
 */
const EARLIEST = 1120176000;
const LATEST = 4102444800;

/** A value split as Django's TimestampSigner splits it: `value:TS:SIG`, from the right. */
interface DjangoTimed {
  /** What the signature covers: `value:TS`. */
  signedText: string;
  /** The signed value itself (base64 JSON for sessions, any text for `set_signed_cookie`). */
  value: string;
  /** Unix seconds. */
  timestamp: number;
  signature: Uint8Array;
  digests: DigestName[];
}

/** `value:TS:SIG` with a base62 timestamp and a base64url HMAC, or null when the value is not shaped so. */
export function splitDjangoTimed(text: string): DjangoTimed | null {
  // Signer.unsign and TimestampSigner.unsign both rsplit(":", 1): the value itself may contain colons.
  const sigSep = text.lastIndexOf(':');
  if (sigSep < 0) return null;
  const signature = decodeBase64Url(text.slice(sigSep + 1));
  const digests = signature ? digestsForLength(signature.length) : [];
  if (!signature || digests.length === 0) return null;
  const signedText = text.slice(0, sigSep);
  const tsSep = signedText.lastIndexOf(':');
  if (tsSep < 0) return null;
  const timestamp = decodeBase62(signedText.slice(tsSep + 1));
  if (timestamp === null || timestamp < EARLIEST || timestamp > LATEST) return null;
  return { signedText, value: signedText.slice(0, tsSep), timestamp, signature, digests };
}

/** Base62 as Django's `baseconv.base62` writes a timestamp (`decodeBase62` reads it back). */
function encodeBase62(value: number): string {
  let text = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) text = BASE62[rest % 62] + text;
  return text || '0';
}

function decodeBase62(text: string): number | null {
  if (text.length === 0 || text.length > 8) return null;
  let value = 0;
  for (const char of text) {
    const digit = BASE62.indexOf(char);
    if (digit < 0) return null;
    value = value * 62 + digit;
  }
  return value;
}

type DjangoPayload =
  | { ok: true; json: unknown; compressed: boolean }
  /** `pickle`: the bytes of a PickleSerializer payload, for a reader one floor up (lib/serializers/pickle.ts). */
  | { ok: false; reason: string; compressed: boolean; pickle?: Uint8Array };

/**
 * `signing.dumps` output: base64url of the serialized object, zlib-compressed when it starts with `.`.
 * Django's JSONSerializer writes ASCII-only JSON and reads it back as latin-1, so latin-1 it is.
 */
export function loadDjangoPayload(body: string): DjangoPayload {
  const compressed = body.startsWith('.');
  const bytes = decodeBase64Url(compressed ? body.slice(1) : body);
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'payload is not base64url', compressed };
  let data = bytes;
  if (compressed) {
    const inflated = inflateZlib(bytes);
    if (!inflated.ok) return { ok: false, reason: inflated.reason, compressed };
    data = inflated.bytes;
  }
  // Protocol 2+ pickles start with the PROTO opcode: PickleSerializer, Django's default before 1.6.
  if (data[0] === 0x80) return { ok: false, reason: 'payload is a Python pickle (PickleSerializer)', compressed, pickle: data };
  const parsed = parseJson(decodeLatin1(data));
  return parsed.ok ? { ok: true, json: parsed.json, compressed } : { ok: false, reason: parsed.reason, compressed };
}

/** Django's signing digest since 3.1 (`DEFAULT_HASHING_ALGORITHM`; SHA-1 before). */
export const DJANGO_DIGEST: DigestName = 'sha256';

/** How Django's `Signer` is configured: the secret prefix is `get_cookie_signer`'s `django.http.cookies`. */
interface DjangoSigner {
  salt: string;
  digest: DigestName;
  secretPrefix?: string;
}

/** `salted_hmac(salt + "signer", value, key)`: key = H(salt + "signer" + secret), the secret itself prefixed for cookies. */
export function djangoKeyDerivation({ salt, secretPrefix = '' }: Pick<DjangoSigner, 'salt' | 'secretPrefix'>): KeyDerivation {
  return { kind: 'concat', prefix: encodeUtf8(`${salt}signer${secretPrefix}`) };
}

/** `TimestampSigner.sign`: `value:TS:SIG`, the base62 Unix seconds (`issuedAt`, a safe integer >= 0) signed with the value. */
export function djangoSign(value: string, secret: Secret, signer: DjangoSigner, issuedAt: number): string {
  const signed = `${value}:${encodeBase62(issuedAt)}`;
  const mac = computeMac(djangoKeyDerivation(signer), signer.digest, secretBytes(secret, 'utf8')!, encodeUtf8(signed));
  return `${signed}:${encodeBase64Url(mac)}`;
}

/**
 * `signing.dumps`' body for JSONSerializer text (`json.dumps(obj, separators=(',', ':'))`, ASCII): base64url, with
 * `compress` zlib-compressed and `.`-prefixed when that is shorter, exactly as itsdangerous' URL-safe serializer does.
 */
export function djangoDumps(json: string, { compress = false }: { compress?: boolean } = {}): string {
  return dumpUrlSafe(json, compress);
}
