import { decodeBase64, encodeBase64 } from '../codec/base64';
import { ASCII_ONLY, dumpJson, isObject, parseJson, type JsonText } from '../codec/json';
import { decodeLatin1, decodeUtf8, encodeUtf8, fromHex, toHex } from '../codec/text';
import { decryptAesCbc, decryptAesGcm, encryptAesCbc, encryptAesGcm } from '../crypto/aes';
import { hmacDigest, timingSafeEqual } from '../crypto/digest';
import { serializePhp, unserializePhp } from '../serializers/php-serialize';
import { jsonToTyped } from '../serializers/flask-tagged-json';
import { addWarning, type Opened, type Reading, type SessionFormat, type WriteOptions, type WriteResult } from './format';
import { laravelKeyBytes } from './key-rules';
import { cannotWrite, written } from './write';
import type { Secret, TypedValue, Warning } from '../types';

/** `base64(JSON)` of the Encrypter payload; JSON starts `{"iv":` so the text starts `eyJpdiI6`. */
const PAYLOAD = /^eyJ[A-Za-z0-9+/]*={0,2}$/;

/** EncryptCookies' plaintext prefix since 6.18.29 / 7.22: `hex(HMAC-SHA1(key, name + "v2")) + "|"`. */
const NAME_PREFIX = /^([0-9a-f]{40})\|/;

/** The head of PHP `serialize()` of a string, `s:N:"`, N counting bytes. */
const PHP_STRING_HEAD = /^s:(\d{1,10}):"/;

/** How PHP `serialize()` output of any other value starts (`N;`, `b:1;`, `i:5;`, `d:0.5;`, `a:2:{`, `O:8:"`...). */
const PHP_SERIALIZED = /^(?:N;|[bid]:[^;]*;|[aOCEs]:\d+:)/;

const SERIALIZED_FACT = 'PHP serialize (EncryptCookies $serialize = true, the default before Laravel 5.6.30)';

const NO_KEY = 'encrypted: add APP_KEY (base64:...) to read it';

/** Illuminate's `Encrypter::$supportedCiphers`: each cipher's key size in bytes. */
const CIPHER_KEY_SIZE: Readonly<Record<string, number>> = { 'aes-128-cbc': 16, 'aes-256-cbc': 32, 'aes-128-gcm': 16, 'aes-256-gcm': 32 };

interface EncrypterPayload {
  ivText: string;
  valueText: string;
  iv: Uint8Array;
  value: Uint8Array;
  mac: string;
  tag: Uint8Array | null;
}

/**
 * Laravel's EncryptCookies (every cookie except those listed in `$except`): Illuminate's Encrypter payload,
 * AES-256-CBC + HMAC-SHA256 by default, AES-128-CBC or AES-128/256-GCM by `config('app.cipher')`. The key is
 * APP_KEY itself, so nothing is readable without it.
 */
export const laravelEncrypted: SessionFormat = {
  id: 'laravel-encrypted',
  read(cookie) {
    if (!PAYLOAD.test(cookie.value)) return null;
    const payload = readPayload(cookie.value);
    if (!payload) return null;
    const gcm = payload.tag !== null;
    const base: Omit<Reading, 'signing'> = {
      format: 'laravel-encrypted',
      label: labelFor(cookie.name),
      isSession: true,
      payload: null,
      issuedAt: null,
      warnings: [],
      facts: { encryption: gcm ? 'AES-GCM' : 'AES-CBC + HMAC-SHA256', contents: NO_KEY },
    };
    return { ...base, signing: { kind: 'keyed', open: (secret) => open(secret, payload, cookie.name, base) } };
  },
  /**
   * `EncryptCookies` as Laravel 8+ writes: the name prefix, then the value, encrypted by the Encrypter with a fresh IV
   * (unserialized), URL-encoded as Symfony's `Set-Cookie` carries it. The cookie session driver's `{"data": …,
   * "expires": …}` gets its `data` PHP-serialized back; any other value that is not a string can only be written as
   * Laravel before 6.18.29 did: PHP-serialized, without the prefix.
   */
  async write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: EncryptCookies binds the value to it');
    const key = laravelKeyBytes(secret);
    if (!key) return cannotWrite('APP_KEY is base64: and 32 bytes (16 for AES-128), or the raw 32 or 16 characters');
    const cipher = cipherFor(key, options);
    if (typeof cipher !== 'string') return cipher;
    const plaintext = cookiePlaintext(payload, options.name, key);
    if (!plaintext.ok) return cannotWrite(plaintext.reason);
    const value = await encrypt(key, cipher, encodeUtf8(plaintext.text));
    return value === null ? cannotWrite(`no ${cipher.toUpperCase()} encryption here (WebCrypto)`) : written([options.name, encodeURIComponent(value)]);
  },
};

/** `config('app.cipher')`, lower-cased as the Encrypter does; by default AES-256-CBC (AES-128-CBC for a 16-byte key). */
function cipherFor(key: Uint8Array, { cipher }: WriteOptions): string | WriteResult {
  if (cipher === undefined) return `aes-${key.length * 8}-cbc`;
  const name = cipher.toLowerCase();
  const size = Object.hasOwn(CIPHER_KEY_SIZE, name) ? CIPHER_KEY_SIZE[name] : undefined;
  if (size === undefined) return cannotWrite(`unknown cipher ${cipher}: Laravel's are ${Object.keys(CIPHER_KEY_SIZE).join(', ')}`);
  return size === key.length ? name : cannotWrite(`${name} needs a ${size}-byte APP_KEY, this one has ${key.length} bytes`);
}

/** What EncryptCookies encrypts for `payload` (see `write`). */
function cookiePlaintext(payload: unknown, name: string, key: Uint8Array): JsonText {
  if (typeof payload === 'string') return { ok: true, text: namePrefix(name, key) + payload };
  if (isObject(payload) && Object.keys(payload)[0] === 'data' && typeof payload.expires === 'number') {
    const data = serializePhp(payload.data);
    if (!data.ok) return data;
    // CookieSessionHandler's json_encode: non-ASCII as \u escapes, `/` as `\/`.
    const json = dumpJson({ ...payload, data: data.text }, { escape: ASCII_ONLY });
    return json.ok ? { ok: true, text: namePrefix(name, key) + json.text.replaceAll('/', '\\/') } : json;
  }
  return serializePhp(payload);
}

/** `CookieValuePrefix::create`: `hash_hmac('sha1', $name.'v2', $key).'|'`. */
function namePrefix(name: string, key: Uint8Array): string {
  return `${toHex(hmacDigest('sha1', key, encodeUtf8(`${name}v2`)))}|`;
}

/** `Encrypter::encrypt($value, false)`: base64 of `{"iv","value","mac","tag"}`: GCM leaves the mac empty, CBC the tag. */
async function encrypt(key: Uint8Array, cipher: string, plain: Uint8Array): Promise<string | null> {
  const gcm = cipher.endsWith('-gcm');
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(gcm ? 12 : 16));
  const sealed = gcm ? await encryptAesGcm(key, iv, plain) : await encryptAesCbc(key, iv, plain).then((ciphertext) => ciphertext && { ciphertext, tag: null });
  if (!sealed) return null;
  const ivText = encodeBase64(iv);
  const valueText = encodeBase64(sealed.ciphertext);
  const mac = sealed.tag ? '' : toHex(encrypterMac(key, ivText, valueText));
  // JSON_UNESCAPED_SLASHES, as JSON.stringify writes base64.
  return encodeBase64(encodeUtf8(JSON.stringify({ iv: ivText, value: valueText, mac, tag: sealed.tag ? encodeBase64(sealed.tag) : '' })));
}

function labelFor(name: string): string {
  if (name === 'XSRF-TOKEN') return 'Laravel CSRF token (encrypted cookie)';
  if (name.startsWith('remember_')) return 'Laravel remember-me cookie (encrypted)';
  return name.endsWith('_session') ? 'Laravel session (encrypted cookie)' : 'Laravel encrypted cookie';
}

/** The JSON payload with its base64 parts decoded; null when the value is not an Encrypter payload. */
function readPayload(value: string): EncrypterPayload | null {
  const bytes = decodeBase64(value);
  const text = bytes ? decodeUtf8(bytes) : null;
  const parsed = text === null ? null : parseJson(text);
  if (!parsed?.ok || parsed.json === null || typeof parsed.json !== 'object') return null;
  const json = parsed.json as Record<string, unknown>;
  if (typeof json.iv !== 'string' || typeof json.value !== 'string' || typeof json.mac !== 'string') return null;
  const iv = decodeBase64(json.iv);
  const encrypted = decodeBase64(json.value);
  const tag = typeof json.tag === 'string' && json.tag !== '' ? decodeBase64(json.tag) : null;
  if (!iv || !encrypted || (typeof json.tag === 'string' && json.tag !== '' && !tag)) return null;
  return { ivText: json.iv, valueText: json.value, iv, value: encrypted, mac: json.mac, tag };
}

async function open(secret: Secret, payload: EncrypterPayload, name: string, notes: Pick<Reading, 'facts' | 'warnings'>): Promise<Opened | null> {
  const key = laravelKeyBytes(secret);
  if (!key) return null;
  const bits = key.length * 8;
  const gcm = payload.tag !== null;
  const plain = gcm ? await decryptAesGcm(key, payload.iv, payload.value, payload.tag!) : await openCbc(key, payload);
  if (!plain) return null;
  const config: Record<string, string> = gcm
    ? { cipher: `aes-${bits}-gcm`, keyDerivation: `APP_KEY raw ${bits === 128 ? '16 ' : ''}bytes; GCM tag, mac empty` }
    : { cipher: `aes-${bits}-cbc`, digest: 'sha256', keyDerivation: `APP_KEY raw ${bits === 128 ? '16 ' : ''}bytes; mac = HMAC-SHA256(key, iv + value)` };
  // With $serialize the middleware encrypts serialize(prefix . value): the prefix is inside the PHP string.
  const serialized = unserializeString(plain);
  const text = phpString(serialized ?? plain);
  const prefixed = NAME_PREFIX.exec(text);
  // The `decoder` builds the report's facts and warnings from the reading's own objects after trying the
  // secrets; `Opened` carries neither facts nor the reason for a refusal, so they are added there.
  delete notes.facts.contents;
  const warnings: Warning[] = [];
  if (prefixed) {
    if (`${prefixed[1]}|` !== namePrefix(name, key)) {
      addWarning(notes.warnings, { code: 'other-cookie', message: `Decrypts, but was encrypted for another cookie name: EncryptCookies discards it as "${name}".` });
      return null;
    }
    notes.facts.prefix = `HMAC-SHA1(APP_KEY, "${name}v2") (Laravel 6.18.29+)`;
  } else {
    warnings.push({ code: 'legacy-format', message: 'No cookie-name prefix: written by Laravel before 6.18.29 (or encrypted by hand); current EncryptCookies refuses it.' });
  }
  // Old Laravel serialized every value, arrays too (they carry no prefix): those are read as data, never instantiated.
  const unserialized = !serialized && !prefixed && PHP_SERIALIZED.test(text) ? unserializePhp(plain) : null;
  if (serialized || unserialized?.ok) notes.facts.serializer = SERIALIZED_FACT;
  else if (unserialized) notes.facts.serializer = `PHP serialize of something other than a string, shown as written: ${unserialized.reason}`;
  const value = prefixed ? text.slice(prefixed[0].length) : text;
  const read: PlainValue = unserialized?.ok ? { payload: unserialized.value, typed: unserialized.typed, expiresAt: null, facts: {} } : plaintextValue(value, name);
  Object.assign(notes.facts, read.facts);
  return {
    payload: read.payload,
    ...(read.typed ? { typed: read.typed } : {}),
    issuedAt: null,
    expiresAt: read.expiresAt,
    config,
    detail: `${config.cipher!.toUpperCase()} with APP_KEY`,
    warnings,
  };
}

/** Encrypt-then-MAC: `mac = hex(HMAC-SHA256(key, iv_base64 + value_base64))` over the base64 texts, checked first. */
async function openCbc(key: Uint8Array, payload: EncrypterPayload): Promise<Uint8Array | null> {
  const mac = fromHex(payload.mac);
  if (!mac || !timingSafeEqual(encrypterMac(key, payload.ivText, payload.valueText), mac)) return null;
  return decryptAesCbc(key, payload.iv, payload.value);
}

function encrypterMac(key: Uint8Array, ivText: string, valueText: string): Uint8Array {
  return hmacDigest('sha256', key, encodeUtf8(ivText + valueText));
}

interface PlainValue {
  payload: unknown;
  typed?: TypedValue;
  expiresAt: number | null;
  facts: Record<string, string>;
}

/** The bytes of `s:N:"<N bytes>";`, exactly that and nothing after it, or null. */
function unserializeString(plain: Uint8Array): Uint8Array | null {
  const head = PHP_STRING_HEAD.exec(decodeLatin1(plain.subarray(0, 16)));
  if (!head) return null;
  const start = head[0].length;
  const end = start + Number(head[1]);
  const closed = plain.length === end + 2 && plain[end] === 0x22 && plain[end + 1] === 0x3b;
  return closed ? plain.subarray(start, end) : null;
}

function cookieSession(json: Record<string, unknown>, data: string, expires: number): PlainValue {
  const facts: Record<string, string> = { driver: 'SESSION_DRIVER=cookie: the session data itself, PHP-serialized in "data"' };
  const attributes = unserializePhp(encodeUtf8(data));
  if (!attributes.ok) return { payload: json, expiresAt: expires, facts: { ...facts, data: `shown as written, ${attributes.reason}` } };
  const payload = { ...json, data: attributes.value };
  const typed = jsonToTyped(payload);
  if (typed.type === 'dict') typed.entries = typed.entries.map(([key, item]) => [key, key === 'data' ? attributes.typed : item]);
  return { payload, typed, expiresAt: expires, facts };
}

/** PHP strings are bytes: UTF-8 in practice, latin-1 as the lossless fallback. */
function phpString(bytes: Uint8Array): string {
  return decodeUtf8(bytes) ?? decodeLatin1(bytes);
}

/**
 * What the app reads: the cookie's string, except for the cookie session driver's `{"data": serialize(attributes),
 * "expires": unix}` (its `expires` is the session's expiry), whose `data` is shown as the Session store unserializes it.
 */
function plaintextValue(value: string, name: string): PlainValue {
  if (value.startsWith('{"data":')) {
    const parsed = parseJson(value);
    const json = parsed.ok ? (parsed.json as Record<string, unknown>) : null;
    if (json && typeof json.data === 'string' && typeof json.expires === 'number') return cookieSession(json, json.data, json.expires);
  }
  // Str::random(40): the file, database, redis... drivers keep the data server-side.
  const sessionId = name.endsWith('_session') && /^[A-Za-z0-9]{40}$/.test(value);
  return { payload: value, expiresAt: null, facts: sessionId ? { storage: 'server-side session: the cookie holds only the session id' } : {} };
}
