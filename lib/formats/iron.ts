import { dumpJson, parseJson } from '../codec/json';
import { decodeUtf8 } from '../codec/text';
import { checkSecret, type HmacCheck } from '../crypto/hmac-check';
import { decryptSeal, IRON_ITERATIONS, IRON_MIN_PASSWORD, ironChecks, parseSeal, sealIron, type IronSeal } from '../signing/iron';
import type { Secret, Warning } from '../types';
import { addWarning, type Opened, type Reading, type SessionFormat, type WriteOptions } from './format';
import { cannotWrite, written } from './write';

const NO_KEY = 'encrypted, iron password needed';

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
  read(cookie) {
    if (!cookie.value.startsWith('Fe26.2*')) return null;
    const seal = parseSeal(cookie.value);
    if (!seal) return null;
    const checks = ironChecks(seal, (iterations) => sealConfig(seal, iterations));
    const base: Omit<Reading, 'signing'> = {
      format: 'iron',
      label: labelFor(cookie.name, seal),
      isSession: true,
      payload: null,
      issuedAt: null,
      expiresAt: seal.expiration === null ? null : Math.floor(seal.expiration / 1000),
      warnings: [],
      facts: {
        encryption: 'AES-256-CBC + HMAC-SHA256 (iron Fe26.2)',
        ...(seal.passwordId ? { passwordId: seal.passwordId } : {}),
        ...(seal.version ? { sealVersion: `${seal.version} (iron-session)` } : {}),
        contents: NO_KEY,
      },
    };
    return { ...base, signing: { kind: 'keyed', checks, open: (secret) => open(secret, seal, checks, base) } };
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
    return written([options.name, sealVersion === undefined ? value : `${value}~${sealVersion}`]);
  },
};

function labelFor(name: string, seal: IronSeal): string {
  if (seal.version !== null) return 'iron-session (sealed cookie)';
  if (name === 'h3' || name === 'nuxt-session') return 'h3 / Nuxt session (sealed cookie)';
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

/** A password map as iron-session and iron take it: a JSON object of passwords by id; null for any other secret. */
function passwordMap(text: string): Record<string, string> | null {
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
  const map = passwordMap(text);
  if (!map) return text.length < IRON_MIN_PASSWORD ? `An iron password has at least ${IRON_MIN_PASSWORD} characters; this one has ${text.length}.` : null;
  const short = Object.entries(map).find(([, password]) => password.length < IRON_MIN_PASSWORD);
  return short ? `Password ${JSON.stringify(short[0])} of the map has ${short[1].length} characters; iron needs at least ${IRON_MIN_PASSWORD}.` : null;
}

/** The password that opens this seal: a map's entry for its id (`default` without one), as iron's unseal picks; else the secret. */
function passwordFor(secret: Secret, passwordId: string): string | null {
  const text = typeof secret === 'string' ? secret : decodeUtf8(secret);
  if (text === null) return null;
  const map = passwordMap(text);
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
  return {
    payload: parsed.ok ? parsed.json : text,
    issuedAt: null,
    expiresAt: seal.expiration === null ? null : Math.floor(seal.expiration / 1000),
    config: { ...check.config },
    detail: `AES-256-CBC + HMAC-SHA256, keys PBKDF2-SHA1 with ${iterations} iteration${iterations === 1 ? '' : 's'}`,
  };
}

/** The password and id to seal with; a reason when there is none. */
function passwordToSeal(secret: Secret, askedId: string | undefined): { password: string; passwordId: string } | string {
  const text = typeof secret === 'string' ? secret : decodeUtf8(secret);
  if (text === null) return 'the password is not UTF-8 text';
  const map = passwordMap(text);
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
