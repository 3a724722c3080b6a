import { decodeBase64 } from '../codec/base64';
import { parseJson } from '../codec/json';
import { encodeUtf8 } from '../codec/text';
import type { Secret } from '../types';

// The key forms of the formats whose readers take only some keys, apart from the readers: a page checks a typed key
// with these (components/framework-advice.ts keyProblem) without loading the readers, their ciphers and serializers.

/** AES key lengths: a gorilla/securecookie block key is one of them. */
export const AES_KEY_LENGTHS: ReadonlySet<number> = new Set([16, 24, 32]);

/**
 * Why a typed `hashKey:blockKey` has no usable block key: no split leaves 16, 24 or 32 bytes after its `:` (as
 * gorilla-securecookie's `open` tries them). Null for a text without `:` (a hash key alone) or with a usable split.
 */
export function blockKeyProblem(text: string): string | null {
  const splits = [...text.matchAll(/:/g)].map((colon) => encodeUtf8(text.slice(colon.index + 1)).length);
  if (splits.length === 0 || splits.some((length) => AES_KEY_LENGTHS.has(length))) return null;
  return `The block key after ":" has ${splits[0]} bytes; AES needs 16, 24 or 32. As it is, the whole text is taken as the hash key.`;
}

/** iron refuses string passwords shorter than this. */
export const IRON_MIN_PASSWORD = 32;

/** A password map as iron-session and iron take it: a JSON object of passwords by id; null for any other secret. */
export function ironPasswordMap(text: string): Record<string, string> | null {
  if (!text.startsWith('{')) return null;
  const parsed = parseJson(text);
  if (!parsed.ok || parsed.json === null || typeof parsed.json !== 'object' || Array.isArray(parsed.json)) return null;
  const entries = Object.entries(parsed.json as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([, value]) => typeof value === 'string')) return null;
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * Why a secret typed for an iron seal can open none: a password (or a map's entry) shorter than iron's minimum.
 * Null when it is a usable password or password map.
 */
export function ironPasswordProblem(text: string): string | null {
  const map = ironPasswordMap(text);
  if (!map) return text.length < IRON_MIN_PASSWORD ? `An iron password has at least ${IRON_MIN_PASSWORD} characters; this one has ${text.length}.` : null;
  const short = Object.entries(map).find(([, password]) => password.length < IRON_MIN_PASSWORD);
  return short ? `Password ${JSON.stringify(short[0])} of the map has ${short[1].length} characters; iron needs at least ${IRON_MIN_PASSWORD}.` : null;
}

/**
 * APP_KEY as config/app.php holds it: `base64:` + the raw key (the usual form), or the raw key itself when it is
 * 16 or 32 characters (old installs). Raw bytes are taken as they are.
 */
export function laravelKeyBytes(secret: Secret): Uint8Array | null {
  const bytes = typeof secret !== 'string' ? secret : secret.startsWith('base64:') ? decodeBase64(secret.slice('base64:'.length)) : encodeUtf8(secret);
  return bytes && (bytes.length === 16 || bytes.length === 32) ? bytes : null;
}

/** Why a typed APP_KEY cannot be Laravel's key (the forms `laravelKeyBytes` takes); null when it can. */
export function appKeyProblem(text: string): string | null {
  if (laravelKeyBytes(text)) return null;
  if (!text.startsWith('base64:')) return 'APP_KEY is base64: followed by the 32-byte key in base64, as .env holds it (or a raw key of exactly 16 or 32 characters).';
  const bytes = decodeBase64(text.slice('base64:'.length));
  return bytes ? `After base64: comes a key of 32 bytes (16 for AES-128); this one decodes to ${bytes.length}.` : 'After base64: comes the key in base64; this is not base64.';
}
