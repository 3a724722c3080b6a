import { dumpJson, isObject, parseJson, type JsonObject } from '../codec/json';
import { decodeUtf8 } from '../codec/text';
import { checkSecret, type HmacCheck } from '../crypto/hmac-check';
import { decryptSeal, IRON_ITERATIONS, ironChecks, parseSeal, sealIron, type IronSeal } from '../signing/iron';
import { malformed, type Secret, type Warning } from '../types';
import { chunkName, laterChunkReading } from './chunks';
import { addWarning, type Opened, type Reading, type SessionFormat, type WriteOptions, type WriteResult } from './format';
import { IRON_MIN_PASSWORD, ironPasswordMap } from './key-rules';
import { cannotWrite, written } from './write';

const NO_KEY = 'encrypted, iron password needed';

/** Only h3 chunks a seal, whatever the cookie's name. */
const H3_IDENTITY = { format: 'iron', label: 'h3 / Nuxt session (sealed cookie)' } as const;

/** h3 v2's `setChunkedCookie` marker (`CHUNKED_COOKIE` + the count) and its `MAX_CHUNKED_COOKIE_COUNT`. */
const H3_CHUNKED = /^__chunked__(\d{1,3})$/;
const H3_MAX_CHUNKS = 100;
/** h3's `CHUNKS_MAX_LENGTH`. */
const H3_CHUNK_LENGTH = 4000;

const SHORT_PASSWORD: Warning = {
  code: 'short-password',
  message: `A secret shorter than ${IRON_MIN_PASSWORD} characters cannot open an iron seal: iron refuses such passwords.`,
};

/**
 * Iron seals (`Fe26.2`): hapi's cookie auth (@hapi/iron), iron-session (Next.js; `~2` suffix, password id `1`) and
 * h3 / Nuxt `useSession` (8192 PBKDF2 iterations in h3 v2). Only the expiry is readable without the password;
 * the HMAC is also given as checks, so the known-key check and the wordlist scanner cover it.
 */
export const iron: SessionFormat = {
  id: 'iron',
  read(cookie, context) {
    const count = h3ChunkCount(cookie.value);
    if (count !== null) return readH3Chunked(cookie.name, count, context.jar);
    const piece = chunkName(cookie.name);
    const pieces = piece && piece.index > 0 ? h3ChunkCount(context.jar.get(piece.base) ?? '') : null;
    if (piece && pieces !== null) {
      // A piece of an h3 session is part of it only up to the count its marker gives.
      return piece.index <= pieces ? laterChunkReading(H3_IDENTITY, piece.index, pieces, readH3Chunked(piece.base, pieces, context.jar).signing, h3Layout(piece.base, pieces)) : null;
    }
    if (!cookie.value.startsWith('Fe26.2*')) return null;
    return readSeal(cookie.name, cookie.value, null);
  },
  /**
   * iron's `seal` of the payload's JSON with fresh salts and IV. The password id, the iterations and iron-session's
   * `~2` come from the options; a password map (`{"1": "…", "2": "…"}`) seals with its newest id (see `newestId`).
   */
  async write(payload, secret, options) {
    if (options.name === undefined) return cannotWrite('the cookie name is needed: iron-session and hapi take it from the app');
    const { passwordId: askedId, iterations = 1, sealVersion } = options.iron ?? {};
    if (!(IRON_ITERATIONS as readonly number[]).includes(iterations)) return cannotWrite(`iron seals are read with ${IRON_ITERATIONS.join(' or ')} PBKDF2 iterations, not ${iterations}`);
    if (askedId !== undefined && !/^\w*$/.test(askedId)) return cannotWrite(`password id ${JSON.stringify(askedId)} is not letters, digits and _`);
    if (sealVersion !== undefined && !/^\d{1,4}$/.test(sealVersion)) return cannotWrite(`seal version ${JSON.stringify(sealVersion)} is not a number`);
    const chosen = passwordToSeal(secret, askedId);
    if (typeof chosen === 'string') return cannotWrite(chosen);
    const json = dumpJson(payload);
    if (!json.ok) return cannotWrite(json.reason);
    const value = await sealIron(json.text, chosen.password, { passwordId: chosen.passwordId, iterations, expiration: expirationOf(options) });
    if (value === null) return cannotWrite('no AES-256-CBC encryption here (WebCrypto)');
    const sealed = sealVersion === undefined ? value : `${value}~${sealVersion}`;
    return writeSeal(options.name, sealed);
  },
};

/**
 * One cookie, or a seal too long for one as h3's `setChunkedCookie` sets it, the only layout any iron library reads
 * it back from (iron-session refuses it, a browser drops it): `__chunked__N` and pieces of 4000 characters (a seal's
 * characters are all ones encodeURIComponent keeps, so its pieces are plain slices).
 */
function writeSeal(name: string, seal: string): WriteResult {
  const count = Math.ceil(seal.length / H3_CHUNK_LENGTH);
  if (count <= 1) return written([name, seal]);
  if (count > H3_MAX_CHUNKS) return cannotWrite(`h3 refuses a seal of more than ${H3_MAX_CHUNKS} chunks`);
  const pieces = Array.from({ length: count }, (_, index): [string, string] => [`${name}.${index + 1}`, seal.slice(index * H3_CHUNK_LENGTH, (index + 1) * H3_CHUNK_LENGTH)]);
  return written([name, `__chunked__${count}`], ...pieces);
}

/** `chunks`: how many h3 pieces the value was joined from; null for a seal in one cookie. */
function readSeal(name: string, value: string, chunks: number | null): Reading | null {
  const seal = parseSeal(value);
  if (!seal) return null;
  const checks = ironChecks(seal, (iterations) => sealConfig(seal, iterations));
  const base: Omit<Reading, 'signing'> = {
    format: 'iron',
    label: chunks !== null ? H3_IDENTITY.label : labelFor(name, seal),
    isSession: true,
    payload: null,
    issuedAt: null,
    expiresAt: seal.expiration === null ? null : Math.floor(seal.expiration / 1000),
    warnings: [],
    facts: {
      encryption: 'AES-256-CBC + HMAC-SHA256 (iron Fe26.2)',
      ...(seal.passwordId ? { passwordId: seal.passwordId } : {}),
      ...(seal.version ? { sealVersion: `${seal.version} (iron-session)` } : {}),
      ...(chunks !== null ? { chunks: `joined from ${chunks} cookies, ${h3Layout(name, chunks).pieces} (h3 setChunkedCookie)` } : {}),
      contents: NO_KEY,
    },
  };
  return { ...base, signing: { kind: 'keyed', checks, open: (secret) => open(secret, seal, checks, base) } };
}

/** h3's `getChunkedCookieCount`: the marker `__chunked__N` its `setChunkedCookie` leaves in the session's own cookie. */
function h3ChunkCount(value: string): number | null {
  const match = H3_CHUNKED.exec(value);
  return match && Number(match[1]) <= H3_MAX_CHUNKS ? Number(match[1]) : null;
}

function h3Layout(base: string, count: number) {
  return { pieces: `"${base}.1" … "${base}.${count}"`, readOn: `"${base}"` };
}

/**
 * The seal h3's `getChunkedCookie` reads: the pieces `<name>.1` … `<name>.N` joined. Like h3, a piece missing or
 * empty means no session: no secret opens it.
 */
function readH3Chunked(name: string, count: number, jar: ReadonlyMap<string, string>): Reading {
  const pieces = Array.from({ length: count }, (_, index) => jar.get(`${name}.${index + 1}`));
  const missing = pieces.findIndex((piece) => !piece);
  const reading = missing === -1 && count > 0 ? readSeal(name, pieces.join(''), count) : null;
  if (reading) return reading;
  const why = count === 0 ? 'the h3 chunk marker counts no pieces' : missing !== -1 ? `the h3 piece "${name}.${missing + 1}" of ${count} is missing` : `the ${count} h3 pieces do not join into an iron seal`;
  return {
    ...H3_IDENTITY,
    isSession: true,
    payload: null,
    issuedAt: null,
    signing: { kind: 'keyed', open: async () => null },
    warnings: [],
    facts: { chunks: `${count} cookies, ${h3Layout(name, count).pieces} (h3 setChunkedCookie)` },
    problem: malformed(why),
  };
}

function labelFor(name: string, seal: IronSeal): string {
  if (seal.version !== null) return 'iron-session (sealed cookie)';
  if (name === 'h3' || name === 'nuxt-session') return H3_IDENTITY.label;
  return 'Iron sealed cookie (Fe26.2)';
}

function sealConfig(seal: IronSeal, iterations: number): Record<string, string> {
  return {
    cipher: 'aes-256-cbc',
    digest: 'sha256',
    keyDerivation: 'pbkdf2-sha1',
    iterations: String(iterations),
    ...(seal.passwordId ? { passwordId: seal.passwordId } : {}),
    ...(seal.version ? { sealVersion: seal.version } : {}),
  };
}

/** The password that opens this seal: a map's entry for its id (`default` without one), as iron's unseal picks; else the secret. */
function passwordFor(secret: Secret, passwordId: string): string | null {
  const text = typeof secret === 'string' ? secret : decodeUtf8(secret);
  if (text === null) return null;
  const map = ironPasswordMap(text);
  if (!map) return text;
  const id = passwordId || 'default';
  return Object.hasOwn(map, id) ? map[id]! : null;
}

async function open(secret: Secret, seal: IronSeal, checks: readonly HmacCheck[], notes: Pick<Reading, 'facts' | 'warnings'>): Promise<Opened | null> {
  const password = passwordFor(secret, seal.passwordId);
  if (password === null) return null;
  if (password.length < IRON_MIN_PASSWORD) {
    addWarning(notes.warnings, SHORT_PASSWORD);
    return null;
  }
  // Integrity first, as iron does: only a seal this password made is decrypted.
  const check = checks.find((candidate) => checkSecret(candidate, password));
  if (!check || check.derivation.kind !== 'pbkdf2') return null;
  const iterations = check.derivation.iterations;
  const plain = await decryptSeal(seal, password, iterations);
  const text = plain && decodeUtf8(plain);
  if (text === null || text === undefined) return null;
  const parsed = parseJson(text);
  // The `decoder` builds the report's facts from the reading's own object after trying the secrets.
  delete notes.facts.contents;
  if (!parsed.ok) notes.facts.contents = `not JSON (${parsed.reason}): shown as text`;
  const store = parsed.ok && seal.version === null ? ironStore(parsed.json) : null;
  if (store) Object.assign(notes.facts, store.facts);
  return {
    payload: store ? store.session : parsed.ok ? parsed.json : text,
    issuedAt: null,
    expiresAt: seal.expiration === null ? null : Math.floor(seal.expiration / 1000),
    config: { ...check.config },
    detail: `AES-256-CBC + HMAC-SHA256, keys PBKDF2-SHA1 with ${iterations} iteration${iterations === 1 ? '' : 's'}`,
  };
}

/**
 * iron-session before v8 sealed its iron-store, `{persistent, flash}`, without the `~2` suffix: iron-session 8 reads
 * such a seal as `{...persistent}` (its unsealData), so that is the session; flash values, read once, are only noted.
 */
function ironStore(json: unknown): { session: JsonObject; facts: Record<string, string> } | null {
  if (!isObject(json) || !isObject(json.persistent) || !Object.keys(json).every((key) => key === 'persistent' || key === 'flash')) return null;
  const flash = isObject(json.flash) && Object.keys(json.flash).length > 0 ? dumpJson(json.flash) : null;
  return {
    session: json.persistent,
    facts: {
      store: 'iron-session v1 … v6 (iron-store {persistent, flash}): the session is its persistent values',
      ...(flash?.ok ? { flash: `${flash.text} (shown once by iron-session before v8; iron-session 8 drops it)` } : {}),
    },
  };
}

/** The password and id to seal with; a reason when there is none. */
function passwordToSeal(secret: Secret, askedId: string | undefined): { password: string; passwordId: string } | string {
  const text = typeof secret === 'string' ? secret : decodeUtf8(secret);
  if (text === null) return 'the password is not UTF-8 text';
  const map = ironPasswordMap(text);
  const passwordId = askedId ?? (map ? newestId(map) : '');
  if (map && !Object.hasOwn(map, passwordId)) return `the password map has no id ${passwordId}`;
  const password = map ? map[passwordId]! : text;
  if (password.length < IRON_MIN_PASSWORD) return `iron needs a password of at least ${IRON_MIN_PASSWORD} characters`;
  return { password, passwordId };
}

/** iron-session seals with the highest numeric id of its map; a map without one (hapi's ids are words) with its last. */
function newestId(map: Record<string, string>): string {
  const ids = Object.keys(map);
  const numeric = ids.filter((id) => /^\d+$/.test(id)).map(Number);
  return numeric.length > 0 ? String(Math.max(...numeric)) : ids.at(-1)!;
}

/** The seal's expiry in Unix milliseconds (iron's ttl counts from sealing); none without `expiresAt`. */
function expirationOf(options: WriteOptions): number | null {
  return options.expiresAt === undefined ? null : options.expiresAt * 1000;
}
