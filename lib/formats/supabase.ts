import { decodeBase64Url, encodeBase64Url } from '../codec/base64';
import { dumpJson, isObject, parseJson, TOO_DEEP, type JsonObject } from '../codec/json';
import { decodeUtf8, encodeUtf8 } from '../codec/text';
import { percentDecode } from '../codec/wire';
import { malformed, type Secret } from '../types';
import { chunkName, chunksFact, chunkValues, laterChunkReading, numberedFromZero } from './chunks';
import type { FormatContext, Opened, Reading, SessionFormat, Signing } from './format';
import { jwt } from './jwt';
import { cannotWrite, written } from './write';

/** supabase-js's storage key, `sb-<project ref>-auth-token` (`sb-127-auth-token` for a local project). */
const STORAGE_KEY = /^sb-[A-Za-z0-9_-]+-auth-token$/;

/** @supabase/ssr writes `base64-` + base64url(session JSON) since 0.4 (`cookieEncoding: 'base64url'`). */
const BASE64_PREFIX = 'base64-';

/** @supabase/ssr's MAX_CHUNK_SIZE, counted in encodeURIComponent characters. */
const MAX_CHUNK_SIZE = 3180;

const IDENTITY = { format: 'supabase', label: 'Supabase session' } as const;

/**
 * Supabase Auth sessions kept in cookies by @supabase/ssr: the session JSON (access_token, refresh_token,
 * expires_at, user…) as `base64-<base64url>` or, before 0.4 / with `cookieEncoding: 'raw'`, as it is; chunked
 * `<name>.0`, `<name>.1`, … past 3180 characters (reported on `.0`). The session itself is not signed: its
 * `access_token` is a JWT, read and verified as the `jwt` format does (HS256 with the project's JWT secret, or the
 * project's public key for asymmetric signing keys).
 */
export const supabase: SessionFormat = {
  id: 'supabase',
  read(cookie, context) {
    const chunk = chunkName(cookie.name);
    const base = chunk?.base ?? cookie.name;
    if (!STORAGE_KEY.test(base)) return null;
    if (!chunk) return readSession(base, cookie.value, null, context);
    // combineChunks reads `<name>` when it is there and its pieces only otherwise.
    if (context.jar.has(base)) return null;
    // The jar's own `.0` value: the pieces are joined as they travel, then decoded as one.
    const first = context.jar.get(`${base}.0`) ?? (chunk.index === 0 ? cookie.value : undefined);
    if (first === undefined) return null;
    const values = chunkValues(base, first, context.jar);
    const whole = readSession(base, values.join(''), values.length, context);
    if (chunk.index === 0) return whole;
    return chunk.index < values.length ? laterChunkReading(IDENTITY, chunk.index + 1, values.length, whole.signing, numberedFromZero(chunk.base, values.length)) : null;
  },
  /**
   * The session as @supabase/ssr stores it (`base64-` + base64url of its JSON, chunked as its chunker does), with
   * its access token signed again over the same claims by the `jwt` writer (HS256/384/512, as the token's header says).
   */
  async write(payload, secret, options) {
    if (!isObject(payload) || typeof payload.access_token !== 'string') return cannotWrite('a Supabase session is a JSON object with an access_token');
    const token = jwt.read({ name: 'access_token', value: payload.access_token }, { jar: new Map() });
    if (!token || !isObject(token.payload)) return cannotWrite('the access_token is not a JWT with readable claims');
    const signed = await jwt.write!(token.payload, secret, { name: 'access_token', alg: options.alg ?? token.facts.alg });
    if (!signed.ok) return signed;
    const session = dumpJson({ ...payload, access_token: signed.cookies[0]!.value });
    if (!session.ok) return cannotWrite(session.reason);
    const name = options.name === undefined ? null : (chunkName(options.name)?.base ?? options.name);
    if (name === null || !STORAGE_KEY.test(name)) return cannotWrite('name the cookie: --name sb-<project ref>-auth-token');
    return written(...chunked(name, BASE64_PREFIX + encodeBase64Url(encodeUtf8(session.text))));
  },
};

function readSession(name: string, value: string, chunks: number | null, context: FormatContext): Reading {
  const base: Omit<Reading, 'signing' | 'payload'> = {
    ...IDENTITY,
    isSession: true,
    issuedAt: null,
    warnings: [],
    facts: {
      encoding: value.startsWith(BASE64_PREFIX) ? 'base64- + base64url of the session JSON (@supabase/ssr 0.4+)' : 'the session JSON as it is (cookieEncoding raw, @supabase/ssr before 0.4)',
      ...(chunks !== null ? { chunks: chunksFact(name, chunks) } : {}),
    },
  };
  // No key verifies what cannot be read: an empty check list reports "invalid" once a secret is given.
  const unreadable = (why: string): Reading => ({ ...base, payload: null, signing: { kind: 'hmac', checks: [] }, problem: malformed(why) });
  const session = readSessionJson(value);
  if (!session.ok) return unreadable(session.reason);
  const token = jwt.read({ name, value: session.json.access_token }, context);
  if (!token) return unreadable('the access_token is not a JWT');
  const expiresAt = numericDate(session.json.expires_at) ?? token.expiresAt ?? null;
  return {
    ...base,
    payload: session.json,
    issuedAt: token.issuedAt,
    expiresAt,
    signing: sessionSigning(token.signing, session.json, token.issuedAt, expiresAt),
    warnings: token.warnings,
    facts: { ...base.facts, ...token.facts, signature: 'the access_token JWT: its HMAC key is the project\'s JWT secret' },
    ...(token.problem ? { problem: token.problem } : {}),
  };
}

type Session = JsonObject & { access_token: string };
type SessionJson = { ok: true; json: Session } | { ok: false; reason: string };

/** What @supabase/ssr's storage gives auth-js: the `base64-` prefix undone, then JSON with an access token. */
function readSessionJson(value: string): SessionJson {
  let text: string | null;
  if (value.startsWith(BASE64_PREFIX)) {
    // stringFromBase64URL skips whitespace and `=`, as decodeBase64Url skips padding.
    const bytes = decodeBase64Url(value.slice(BASE64_PREFIX.length).replace(/[\s=]/g, ''));
    text = bytes && decodeUtf8(bytes);
    if (text === null) return { ok: false, reason: 'not base64url of UTF-8 text after "base64-"' };
  } else {
    // Raw chunks travel percent-encoded as the framework's cookie serializer wrote them.
    text = value.startsWith('{') ? value : percentDecode(value);
  }
  const parsed = text === null ? null : parseJson(text);
  if (!parsed?.ok) return { ok: false, reason: parsed?.reason === TOO_DEEP ? TOO_DEEP : 'the session is not JSON' };
  const json = parsed.json;
  if (!isObject(json) || typeof json.access_token !== 'string') return { ok: false, reason: 'the session has no access_token' };
  return { ok: true, json: json as Session };
}

/** The access token's verification; a public key that opens it shows the session, not the token's claims. */
function sessionSigning(token: Signing, session: JsonObject, issuedAt: number | null, expiresAt: number | null): Signing {
  if (token.kind !== 'keyed') return token;
  return {
    kind: 'keyed',
    open: async (secret: Secret): Promise<Opened | null> => {
      const opened = await token.open(secret);
      return opened && { ...opened, payload: session, issuedAt, expiresAt };
    },
  };
}

/** The chunker: one cookie when encodeURIComponent(value) fits MAX_CHUNK_SIZE, else `<name>.0`, `<name>.1`, … (base64url is never escaped). */
function chunked(name: string, value: string): [string, string][] {
  if (value.length <= MAX_CHUNK_SIZE) return [[name, value]];
  const count = Math.ceil(value.length / MAX_CHUNK_SIZE);
  return Array.from({ length: count }, (_, i) => [`${name}.${i}`, value.slice(i * MAX_CHUNK_SIZE, (i + 1) * MAX_CHUNK_SIZE)]);
}

function numericDate(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
