import { concatBytes } from '../codec/text';
import type { DigestName } from './digest';

/**
 * WebCrypto helpers for the encrypted cookie formats (Rails, Laravel, iron).
 * `crypto.subtle` exists in Node 20, extension pages and workers; every helper resolves to null
 * instead of rejecting, because a wrong key or a tampered cookie is an ordinary outcome here.
 */

const SUBTLE_HASH: Readonly<Record<DigestName, string>> = {
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

function subtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle ?? null;
}

/** WebCrypto wants an ArrayBuffer-backed view; a copy also detaches us from the caller's buffer. */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** PBKDF2-HMAC-H, natively (Rails derives 1000-iteration keys; the JS version is ~10x slower). */
export async function pbkdf2Subtle(digest: DigestName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api || digest === 'sha224') return null;
  try {
    const key = await api.importKey('raw', buffer(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await api.deriveBits({ name: 'PBKDF2', hash: SUBTLE_HASH[digest], salt: buffer(salt), iterations }, key, length * 8);
    return new Uint8Array(bits);
  } catch {
    return null;
  }
}

/** AES-GCM (128 or 256 by key length), no associated data: null when the tag does not authenticate. */
export async function decryptAesGcm(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api || !validAesKey(key) || iv.length === 0 || tag.length !== 16) return null;
  try {
    const cryptoKey = await api.importKey('raw', buffer(key), 'AES-GCM', false, ['decrypt']);
    // WebCrypto takes the tag appended to the ciphertext.
    const plain = await api.decrypt({ name: 'AES-GCM', iv: buffer(iv), tagLength: 128 }, cryptoKey, buffer(concatBytes(ciphertext, tag)));
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** AES-GCM (128 or 256 by key length), no associated data, 128-bit tag: null when WebCrypto or the key is missing. */
export async function encryptAesGcm(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array } | null> {
  const api = subtle();
  if (!api || !validAesKey(key) || iv.length === 0) return null;
  try {
    const cryptoKey = await api.importKey('raw', buffer(key), 'AES-GCM', false, ['encrypt']);
    // WebCrypto appends the tag to the ciphertext.
    const sealed = new Uint8Array(await api.encrypt({ name: 'AES-GCM', iv: buffer(iv), tagLength: 128 }, cryptoKey, buffer(plaintext)));
    return { ciphertext: sealed.slice(0, sealed.length - 16), tag: sealed.slice(sealed.length - 16) };
  } catch {
    return null;
  }
}

/** AES-CBC with PKCS#7 padding: null when the padding is wrong (a wrong key, almost always). */
export async function decryptAesCbc(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api || !validAesKey(key) || iv.length !== 16 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  try {
    const cryptoKey = await api.importKey('raw', buffer(key), 'AES-CBC', false, ['decrypt']);
    const plain = await api.decrypt({ name: 'AES-CBC', iv: buffer(iv) }, cryptoKey, buffer(ciphertext));
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** AES-CBC with PKCS#7 padding: null when WebCrypto or the key is missing. */
export async function encryptAesCbc(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api || !validAesKey(key) || iv.length !== 16) return null;
  try {
    const cryptoKey = await api.importKey('raw', buffer(key), 'AES-CBC', false, ['encrypt']);
    return new Uint8Array(await api.encrypt({ name: 'AES-CBC', iv: buffer(iv) }, cryptoKey, buffer(plaintext)));
  } catch {
    return null;
  }
}

function validAesKey(key: Uint8Array): boolean {
  return key.length === 16 || key.length === 24 || key.length === 32;
}

/** AES-CTR with the whole 16-byte block as the counter (Go's cipher.NewCTR): null when WebCrypto or the key is missing. */
export async function decryptAesCtr(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array | null> {
  const api = subtle();
  if (!api || !validAesKey(key) || iv.length !== 16) return null;
  try {
    const cryptoKey = await api.importKey('raw', buffer(key), 'AES-CTR', false, ['decrypt']);
    const plain = await api.decrypt({ name: 'AES-CTR', counter: buffer(iv), length: 128 }, cryptoKey, buffer(ciphertext));
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
