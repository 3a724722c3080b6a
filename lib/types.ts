/** A cookie as the browser (or a `Cookie:` header) gives it. Only `name` and `value` are required. */
export interface CookieInput {
  name: string;
  value: string;
  domain?: string;
  path?: string;
  /** Unix seconds; absent for a cookie that ends with the browser session. */
  expirationDate?: number;
  hostOnly?: boolean;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'no_restriction' | 'lax' | 'strict' | 'unspecified';
  session?: boolean;
  storeId?: string;
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
  /** Firefox's first party of the cookie (first-party isolation); writes must name it to reach the same cookie. */
  firstPartyDomain?: string;
}

/** A secret as an app holds it: text (the usual case) or raw bytes (e.g. Flask's `b'...'` example key). */
export type Secret = string | Uint8Array;

export interface DecodeOptions {
  /** The app's secrets, tried in order; `secretIndex` in a report points into this list. */
  secrets?: readonly Secret[];
  /** A salt to try before the usual ones (itsdangerous family). */
  salt?: string;
  /** Server-side session lifetime in seconds, overriding the format's default. */
  maxAge?: number;
  /** Unix seconds at which `expired` is judged; defaults to the current time. */
  now?: number;
  /** Check signed sessions that no user secret verifies against the publicly known secrets (default true). */
  knownSecrets?: boolean;
}

export type FormatId =
  | 'flask'
  | 'itsdangerous'
  | 'flask-login-remember'
  | 'flask-session-id'
  | 'django-session'
  | 'django-signed'
  | 'express-cookie-session'
  | 'express-session-id'
  | 'express-signed'
  | 'jwt'
  | 'rails-encrypted'
  | 'rails-signed'
  | 'laravel-encrypted'
  | 'opaque-id'
  | 'starlette'
  | 'tornado'
  | 'iron'
  | 'remix'
  | 'hono'
  | 'koa-session'
  | 'authjs'
  | 'supabase'
  | 'gorilla-securecookie'
  | 'rack-session'
  | 'unknown';

export type SignatureStatus = 'valid' | 'invalid' | 'unverified' | 'unsigned';

/** A forgery recognised by the key that made it. */
export type SignatureAttack =
  /** An HS* JWT whose HMAC secret is a public key (`secretIndex`): libraries that let the token pick the algorithm accept it. */
  'jwt-algorithm-confusion';

export interface SignatureReport {
  status: SignatureStatus;
  /** 0-based index into `DecodeOptions.secrets` of the secret that verified it (or, with `attack`, forged it). */
  secretIndex?: number;
  /** The publicly known secret that verified it: anyone can forge this session. */
  knownSecret?: string;
  /** Plain-language account: which secret and configuration matched, or why there is no verdict. */
  detail?: string;
  /** The signing configuration that matched, e.g. `{ salt: 'cookie-session', keyDerivation: 'hmac', digest: 'sha1' }`. */
  config?: Record<string, string>;
  /** Set with status `invalid` when the signature was made by this attack with the secret at `secretIndex`. */
  attack?: SignatureAttack;
}

/**
 * A decoded value with the types the framework gave it, for display.
 * Flask's tagged JSON untags into tuple/bytes/markup/uuid/datetime; plain JSON maps onto the rest.
 */
export type TypedValue =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'list'; items: TypedValue[] }
  | { type: 'tuple'; items: TypedValue[] }
  | { type: 'dict'; entries: [string, TypedValue][] }
  /** Standard base64 of the bytes, as Flask stores them. */
  | { type: 'bytes'; base64: string }
  | { type: 'markup'; value: string }
  /** Canonical 8-4-4-4-12 lowercase form. */
  | { type: 'uuid'; value: string }
  /** ISO 8601 UTC with second precision, e.g. `2024-01-02T03:04:05Z`. */
  | { type: 'datetime'; value: string }
  /** An object a serializer named but did not build (PHP `O:`, pickle's calls, a Ruby object): its class and its properties. */
  | { type: 'object'; className: string; entries: [string, TypedValue][] }
  /** A Python set or frozenset (pickle): members without order or index; a list in the JSON payload. */
  | { type: 'set'; items: TypedValue[]; frozen: boolean };

/** What one cookie is and what is inside it. Every cookie gets one; decoding never throws. */
export interface SessionReport {
  name: string;
  format: FormatId;
  /** Human name of the format, e.g. "Flask session". */
  label: string;
  /** True for cookies that carry or point to a session (signed data, JWTs, server-side ids). */
  isSession: boolean;
  /** The decoded value exactly as the framework serialized it (Flask tags left in place). */
  payload: unknown;
  /** The payload with the framework's types restored, for display; absent when there is nothing typed to show. */
  typed?: TypedValue;
  /** Unix seconds the session was signed/issued, or null when the format carries no time. */
  issuedAt: number | null;
  /** Unix seconds the server stops accepting it (issuedAt + max age, or an embedded expiry), or null. */
  expiresAt: number | null;
  /** Judged at `DecodeOptions.now`; null when there is no server-side expiry. */
  expired: boolean | null;
  /** The browser's own expiry of the cookie (unix seconds); null when it ends with the browser session. */
  cookieExpiresAt: number | null;
  signature: SignatureReport;
  /** Plain-language notes: legacy formats, tampering hints, forgeable keys (the words of `notes`, in order). */
  warnings: string[];
  /** What each warning is about, in the order of `warnings`: code decides by these, people read `warnings`. */
  warningCodes: WarningCode[];
  /** `malformed: why` (or `internal error: why`) when the cookie looks like a format but cannot be decoded. */
  error?: string;
  /** The same as data: `error` is `problemText(problem)`. */
  problem?: Problem;
  /** Format facts worth showing (e.g. "compressed": "zlib", "epoch": "itsdangerous < 1.0"). */
  facts: Record<string, string>;
}

/** What a warning is about; its words are in `Warning.message`. */
export type WarningCode =
  /** Signed with a publicly known key: anyone can forge the session. */
  | 'known-secret'
  /** An HS* JWT whose HMAC key is a public key the user gave (JWT algorithm confusion). */
  | 'public-key-forgery'
  /** The automatic known-key check did not run: the cookie did not fit in the jar's budget. */
  | 'known-key-check-skipped'
  | 'issued-in-future'
  /** `alg: none`: a JWT without a signature. */
  | 'unsigned-jwt'
  /** `alg: none` with a signature part anyway. */
  | 'stray-signature'
  | 'unsupported-algorithm'
  /** itsdangerous < 1.0 (epoch 2011-01-01). */
  | 'legacy-timestamp'
  /** Pickle or Ruby Marshal: with the key, anyone can make the server run code. */
  | 'code-execution-serializer'
  /** Written for another cookie (Rails purpose, Laravel name prefix): the framework discards it here. */
  | 'other-cookie'
  /** An old form the current framework no longer writes or reads (Laravel without a name prefix, Rails CBC). */
  | 'legacy-format'
  /** cookie-session's `<name>.sig` is missing or unreadable. */
  | 'missing-signature-cookie'
  | 'unreadable-signature-cookie'
  /** A secret too short for the format's key rules (iron: 32 characters) cannot have made the cookie. */
  | 'short-password'
  /** Its MAC verified with the hash key alone; the block key that would decrypt it is missing. */
  | 'encrypted-contents';

export interface Warning {
  code: WarningCode;
  message: string;
}

/**
 * `malformed`: the cookie has a format's shape but cannot be decoded; `internal`: Session Lens failed on it;
 * `cannot-write`: a format cannot write this payload or these options.
 */
type ProblemCode = 'malformed' | 'internal' | 'cannot-write';

export interface Problem {
  code: ProblemCode;
  /** Why, in plain words, without the code. */
  message: string;
}

export function malformed(message: string): Problem {
  return { code: 'malformed', message };
}

/** The problem as the CLI's JSON contract has always written it: `malformed: why`, `internal error: why`. */
export function problemText(problem: Problem): string {
  return `${problem.code === 'internal' ? 'internal error' : problem.code}: ${problem.message}`;
}
