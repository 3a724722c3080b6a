import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { encodeUtf8, toHex } from '../codec/text';
import { decryptAesCbc, encryptAesCbc, pbkdf2Subtle } from '../crypto/aes';
import { computeMac, type HmacCheck, type KeyDerivation } from '../crypto/hmac-check';

/**
 * Iron seals (`Fe26.2`): @hapi/iron, iron-webcrypto (iron-session, h3 v1) and h3 v2's own copy.
 * `Fe26.2*<password id>*<encryption salt>*<iv>*<ciphertext>*<expiration ms>*<hmac salt>*<hmac>`: AES-256-CBC with
 * key PBKDF2-SHA1(password, encryption salt as text), then HMAC-SHA256 with key PBKDF2-SHA1(password, hmac salt)
 * over the first six fields. Sealing and checking share `computeMac`.
 */

const IRON_PREFIX = 'Fe26.2';

/** PBKDF2 iterations: 1 in @hapi/iron, iron-webcrypto (iron-session, h3 v1); 8192 in h3 v2. */
export const IRON_ITERATIONS = [1, 8192] as const;

const KEY_BYTES = 32;

/** Text fields are bounded before anything is decoded: a real salt is 64 hex digits, an expiry 13 digits. */
const SEAL = /^Fe26\.2\*(\w{0,64})\*([^*]{0,256})\*([A-Za-z0-9_-]{22})\*([A-Za-z0-9_-]+)\*(\d{0,16})\*([^*]{0,256})\*([A-Za-z0-9_-]{43})(?:~(\d{1,4}))?$/;

export interface IronSeal {
  passwordId: string;
  encryptionSalt: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  /** Unix milliseconds; null for a seal without ttl. */
  expiration: number | null;
  hmacSalt: string;
  hmac: Uint8Array;
  /** What the HMAC covers: the first six fields joined by `*`. */
  macBase: string;
  /** iron-session's seal version after `~` (`2`), null without one. */
  version: string | null;
}

/** The seal's fields, or null when the value is not an iron seal. */
export function parseSeal(value: string): IronSeal | null {
  const match = SEAL.exec(value);
  if (!match) return null;
  const [, passwordId, encryptionSalt, ivText, ciphertextText, expiration, hmacSalt, hmacText, version] = match;
  const iv = decodeBase64Url(ivText!);
  const ciphertext = decodeBase64Url(ciphertextText!);
  const hmac = decodeBase64Url(hmacText!);
  if (iv?.length !== 16 || !ciphertext || ciphertext.length === 0 || ciphertext.length % 16 !== 0 || hmac?.length !== KEY_BYTES) return null;
  return {
    passwordId: passwordId!,
    encryptionSalt: encryptionSalt!,
    iv,
    ciphertext,
    expiration: expiration ? Number(expiration) : null,
    hmacSalt: hmacSalt!,
    hmac,
    macBase: [IRON_PREFIX, passwordId, encryptionSalt, ivText, ciphertextText, expiration].join('*'),
    version: version ?? null,
  };
}

function derivation(salt: string, iterations: number): KeyDerivation {
  return { kind: 'pbkdf2', digest: 'sha1', salt: encodeUtf8(salt), iterations, length: KEY_BYTES };
}

/** The seal's integrity as HMAC checks, one per iteration count, fewest first: the known-key check and the scanner try them. */
export function ironChecks(seal: IronSeal, config: (iterations: number) => Record<string, string>): HmacCheck[] {
  return IRON_ITERATIONS.map((iterations) => ({
    digest: 'sha256',
    derivation: derivation(seal.hmacSalt, iterations),
    encoding: 'utf8',
    message: encodeUtf8(seal.macBase),
    signature: seal.hmac,
    config: config(iterations),
  }));
}

/** The plaintext once the HMAC has matched with these iterations: AES-256-CBC with the encryption salt's key. */
export async function decryptSeal(seal: IronSeal, password: string, iterations: number): Promise<Uint8Array | null> {
  const key = await pbkdf2Subtle('sha1', encodeUtf8(password), encodeUtf8(seal.encryptionSalt), iterations, KEY_BYTES);
  return key && decryptAesCbc(key, seal.iv, seal.ciphertext);
}

interface SealOptions {
  passwordId: string;
  iterations: number;
  /** Unix milliseconds, or null for no expiry. */
  expiration: number | null;
}

/** iron's `seal` of a JSON text: fresh 256-bit salts (as hex text) and IV, as iron draws them. */
export async function sealIron(json: string, password: string, options: SealOptions): Promise<string | null> {
  const random = (bytes: number) => globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  const encryptionSalt = toHex(random(32));
  const hmacSalt = toHex(random(32));
  const iv = random(16);
  const key = await pbkdf2Subtle('sha1', encodeUtf8(password), encodeUtf8(encryptionSalt), options.iterations, KEY_BYTES);
  const ciphertext = key && (await encryptAesCbc(key, iv, encodeUtf8(json)));
  if (!ciphertext) return null;
  const macBase = [IRON_PREFIX, options.passwordId, encryptionSalt, encodeBase64Url(iv), encodeBase64Url(ciphertext), options.expiration ?? ''].join('*');
  const mac = computeMac(derivation(hmacSalt, options.iterations), 'sha256', encodeUtf8(password), encodeUtf8(macBase));
  return `${macBase}*${hmacSalt}*${encodeBase64Url(mac)}`;
}
