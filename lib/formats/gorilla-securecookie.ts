import { decodeBase64Url, encodeBase64 } from '../codec/base64';
import { dumpJson, parseJson, TOO_DEEP } from '../codec/json';
import { concatBytes, decodeLatin1, decodeUtf8, encodeUtf8 } from '../codec/text';
import { decryptAesCtr } from '../crypto/aes';
import { digestsForLength, hmacDigest, secretBytes, timingSafeEqual, type DigestName } from '../crypto/digest';
import { computeMac, secretKeyedCheck, type HmacCheck } from '../crypto/hmac-check';
import { jsonToTyped } from '../serializers/flask-tagged-json';
import { decodeGob } from '../serializers/gob';
import { malformed, type Secret, type TypedValue } from '../types';
import type { Opened, Reading, SessionFormat } from './format';
import { AES_KEY_LENGTHS } from './key-rules';
import { cannotWrite, signingTime, written } from './write';

/** gorilla/sessions' CookieStore and securecookie.New: `MaxAge` 86400 * 30 (store.go, securecookie.go). */
const DEFAULT_MAX_AGE = 86400 * 30;

/** `ts|value|mac` once the outer base64 is undone: Unix seconds, then base64url of the (maybe encrypted) data. */
const ENVELOPE = /^(\d{1,19})\|([A-Za-z0-9_-]*={0,2})\|/;

/** securecookie's default MaxLength: Decode refuses longer values. */
const MAX_LENGTH = 4096;

/** AES block: the IV securecookie prepends to the CTR ciphertext. */
const AES_BLOCK = 16;

/** securecookie.New's HashFunc: sha256.New. */
const DEFAULT_DIGEST: DigestName = 'sha256';

/** What Go's encoding/json escapes inside strings besides JSON's own (HTML-safe by default): `<`, `>`, `&`, U+2028, U+2029. */
const GO_JSON_ESCAPES = /[<>&\u2028\u2029]/g;

interface Envelope {
  issuedAt: number;
  /** `name|ts|value`, what the MAC covers. */
  message: Uint8Array;
  mac: Uint8Array;
  data: Uint8Array;
  digests: DigestName[];
}

interface Contents {
  payload: unknown;
  typed: TypedValue;
  facts: Record<string, string>;
}

/**
 * gorilla/securecookie (and gorilla/sessions' CookieStore, which stores its Values through it):
 * `base64url(ts|base64url(data)|HMAC-SHA256(hashKey, name|ts|base64url(data)))`, the data encoding/gob (default)
 * or JSON, AES-CTR-encrypted with the block key when there is one. The hash key is the secret as the app's
 * `[]byte(...)` holds it; an encrypted cookie needs both keys, given as one secret `hashKey:blockKey`.
 */
export const gorillaSecureCookie: SessionFormat = {
  id: 'gorilla-securecookie',
  read(cookie) {
    const envelope = readEnvelope(cookie.name, cookie.value);
    if (!envelope) return null;
    const base: Omit<Reading, 'signing' | 'payload'> = {
      format: 'gorilla-securecookie',
      label: 'Gorilla secure cookie (gorilla/sessions, securecookie)',
      isSession: true,
      issuedAt: envelope.issuedAt,
      defaultMaxAge: DEFAULT_MAX_AGE,
      warnings: [],
      facts: {},
    };
    const contents = readContents(envelope.data);
    if (contents && 'problem' in contents) return { ...base, payload: null, signing: { kind: 'hmac', checks: hmacChecks(envelope) }, problem: malformed(contents.problem) };
    if (contents) {
      return { ...base, payload: contents.payload, typed: contents.typed, facts: contents.facts, signing: { kind: 'hmac', checks: hmacChecks(envelope) } };
    }
    const encrypted = envelope.data.length > AES_BLOCK;
    const facts = { encryption: 'AES-CTR (block key)', contents: 'encrypted: add the keys as hashKey:blockKey to read it' };
    return {
      ...base,
      payload: null,
      facts,
      signing: { kind: 'keyed', open: (secret) => open(secret, envelope, facts) },
      ...(encrypted ? {} : { problem: malformed('the value is neither gob, JSON nor long enough to be encrypted') }),
    };
  },
  /**
   * `securecookie.New(hashKey, nil).SetSerializer(securecookie.JSONEncoder{}).Encode(name, payload)`: JSON as Go's
   * json.Encoder writes it (map keys sorted, HTML-safe escapes, a newline), signed with the secret as the hash key.
   * Gob and encrypted values are read, not written.
   */
  write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: securecookie signs it with the value');
    const json = dumpJson(payload, { sortKeys: true, escape: GO_JSON_ESCAPES });
    if (!json.ok) return cannotWrite(json.reason);
    const hashKey = secretBytes(secret, 'utf8')!;
    const signed = `${signingTime(options)}|${goBase64Url(encodeUtf8(`${json.text}\n`))}`;
    const mac = computeMac({ kind: 'none' }, options.digest ?? DEFAULT_DIGEST, hashKey, encodeUtf8(`${options.name}|${signed}`));
    return written([options.name, goBase64Url(concatBytes(encodeUtf8(`${signed}|`), mac))]);
  },
};

/** Go's base64.URLEncoding: the URL-safe alphabet, padded. */
function goBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The outer base64url, the `ts|value|mac` split (the MAC is raw bytes and may hold `|`), the inner base64url. */
function readEnvelope(name: string, value: string): Envelope | null {
  if (value.length > MAX_LENGTH * 2) return null;
  const raw = decodeBase64Url(value);
  if (!raw) return null;
  // The head is ASCII; latin-1 keeps one character per byte so offsets stay byte offsets.
  const head = ENVELOPE.exec(decodeLatin1(raw.subarray(0, Math.min(raw.length, MAX_LENGTH))));
  if (!head) return null;
  const mac = raw.subarray(head[0].length);
  const digests = digestsForLength(mac.length);
  const data = decodeBase64Url(head[2]!);
  const issuedAt = Number(head[1]);
  if (digests.length === 0 || !data || !Number.isSafeInteger(issuedAt)) return null;
  const message = concatBytes(encodeUtf8(`${name}|`), raw.subarray(0, head[0].length - 1));
  return { issuedAt, message, mac, data, digests };
}

/** securecookie.New's HashFunc is sha256.New; an app may choose another, told apart by the MAC's length. */
function hmacChecks(envelope: Envelope): HmacCheck[] {
  return envelope.digests.map((digest) => secretKeyedCheck(digest, envelope.message, envelope.mac, { hashKey: 'the secret', digest }));
}

/**
 * JSONEncoder (a JSON text and a newline) or GobEncoder; a problem when one of them reads it but it goes past a bound;
 * null when neither reads it (encrypted, or not ours).
 */
function readContents(data: Uint8Array): Contents | { problem: string } | null {
  const text = decodeUtf8(data);
  const json = text === null || text.trim() === '' ? null : parseJson(text);
  if (json?.ok) return { payload: json.json, typed: jsonToTyped(json.json), facts: { serializer: 'JSON (securecookie.JSONEncoder)' } };
  if (json?.reason === TOO_DEEP) return { problem: TOO_DEEP };
  const gob = decodeGob(data);
  if (!gob.ok) return gob.limit ? { problem: gob.reason } : null;
  const facts: Record<string, string> = { serializer: 'encoding/gob (securecookie.GobEncoder, the default)' };
  if (gob.opaqueTypes.length > 0) facts.opaque = `shown by type name only (their own Go code encodes them): ${[...new Set(gob.opaqueTypes)].join(', ')}`;
  return { payload: gob.json, typed: gob.typed, facts };
}

function macMatches(envelope: Envelope, hashKey: Uint8Array): DigestName | null {
  return envelope.digests.find((digest) => timingSafeEqual(hmacDigest(digest, hashKey, envelope.message), envelope.mac)) ?? null;
}

/**
 * An encrypted cookie: the secret is `hashKey:blockKey` (the block key an AES key of 16, 24 or 32 bytes). A hash key
 * may itself hold `:`, so every split whose left part verifies the MAC is tried; the whole secret alone as the hash
 * key proves the MAC but leaves the contents encrypted.
 */
async function open(secret: Secret, envelope: Envelope, facts: Record<string, string>): Promise<Opened | null> {
  const text = typeof secret === 'string' ? secret : null;
  /** The digest a `hashKey:` part verified with, when its block key does not decrypt. */
  let verifiedOnly: DigestName | null = null;
  for (let colon = text?.indexOf(':') ?? -1; text !== null && colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const blockKey = encodeUtf8(text.slice(colon + 1));
    const digest = AES_KEY_LENGTHS.has(blockKey.length) ? macMatches(envelope, encodeUtf8(text.slice(0, colon))) : null;
    if (!digest) continue;
    verifiedOnly = digest;
    const plain = await decryptAesCtr(blockKey, envelope.data.subarray(0, AES_BLOCK), envelope.data.subarray(AES_BLOCK));
    const contents = plain ? readContents(plain) : null;
    // A decrypted value past a bound is left encrypted: Opened has no place for the problem.
    if (contents && !('problem' in contents)) {
      // The report's facts are the reading's own object (Opened carries none): what was hidden is now read.
      delete facts.contents;
      Object.assign(facts, contents.facts);
      return {
        payload: contents.payload,
        typed: contents.typed,
        config: { hashKey: 'before ":"', blockKey: `after ":", AES-${blockKey.length * 8}-CTR`, digest },
        detail: `hash key and AES-${blockKey.length * 8} block key`,
        warnings: [],
      };
    }
  }
  if (verifiedOnly) return encryptedStill(verifiedOnly, 'before ":"', 'The hash key verifies the MAC, but the block key does not decrypt the values.');
  const digest = macMatches(envelope, typeof secret === 'string' ? encodeUtf8(secret) : secret);
  return digest ? encryptedStill(digest, 'the secret', 'Encrypted with a block key: give the secret as hashKey:blockKey to read the values.') : null;
}

/** A MAC proved by the hash key, over values that stay encrypted. */
function encryptedStill(digest: DigestName, keys: string, message: string): Opened {
  return {
    payload: null,
    config: { hashKey: keys, digest },
    detail: 'the hash key verifies the MAC; the values stay encrypted',
    warnings: [{ code: 'encrypted-contents', message }],
  };
}
