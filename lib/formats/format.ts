import type { DigestName } from '../crypto/digest';
import type { HmacCheck } from '../crypto/hmac-check';
import type { KeyDerivationName } from '../signing/itsdangerous';
import type { CookieInput, FormatId, Problem, Secret, SessionReport, TypedValue, Warning } from '../types';

/** What a format module may look at besides the cookie itself. */
export interface FormatContext {
  /** Every cookie in the same jar by name (for companions such as cookie-session's `<name>.sig`). */
  jar: ReadonlyMap<string, string>;
  /** A salt the user gave, tried before the usual ones. */
  salt?: string;
}

/** What a decrypting/asymmetric format learns once a secret opens the cookie. */
export interface Opened {
  payload: unknown;
  typed?: TypedValue;
  issuedAt?: number | null;
  expiresAt?: number | null;
  detail?: string;
  config?: Record<string, string>;
  warnings?: Warning[];
}

/** How the cookie's integrity is checked. */
export type Signing =
  | { kind: 'unsigned' }
  /** Any matching check proves the signature. */
  | { kind: 'hmac'; checks: HmacCheck[] }
  /**
   * Encrypted or public-key formats: try to open with one secret; null = this secret does not open it. `checks`:
   * the integrity part as HMAC checks where it is one (iron), for the known-key check and the wordlist scanner.
   */
  | { kind: 'keyed'; open: (secret: Secret) => Promise<Opened | null>; checks?: HmacCheck[] };

/** What a format reads from a cookie without any secret: the report's own fields, and how to verify and time it. */
export interface Reading extends Pick<SessionReport, 'format' | 'label' | 'isSession' | 'payload' | 'typed' | 'issuedAt' | 'facts'> {
  /** The format's default server-side lifetime in seconds (the user's max age overrides it). */
  defaultMaxAge?: number;
  /** An expiry carried inside the cookie (JWT `exp`, Rails `_rails.exp`). */
  expiresAt?: number | null;
  signing: Signing;
  warnings: Warning[];
  problem?: Problem;
}

/** How to write a cookie. Each format reads what its framework lets an app choose and defaults to the framework's choice. */
export interface WriteOptions {
  /**
   * The cookie's name. Formats whose framework names its cookie default to that name (Flask `session`, Django
   * `sessionid`, cookie-session `session`, express-session `connect.sid`); the others need it. keygrip signs it;
   * Django's `set_signed_cookie` and Rails bind the value to it.
   */
  name?: string;
  /** The signer's salt: itsdangerous family (Flask: `cookie-session`), Django `set_signed_cookie` (default empty). */
  salt?: string;
  /** itsdangerous key derivation (Flask: hmac; itsdangerous: django-concat). */
  keyDerivation?: KeyDerivationName;
  /** The HMAC digest: itsdangerous family (SHA-1), Django (SHA-256), keygrip (SHA-1), Rails MessageVerifier (SHA-1), Tornado (SHA-256: v2; SHA-1: v1). */
  digest?: DigestName;
  /** Unix seconds the value is signed at (itsdangerous family, Django); now when absent. */
  issuedAt?: number;
  /** JWT algorithm: HS256 (default), HS384, HS512, or none (an unsigned token). */
  alg?: string;
  /** Rails key generator digest: sha256 (7.0+ defaults, the default here) or sha1 (up to 6.1). */
  kdfDigest?: DigestName;
  /** Rails `_rails.exp`, iron's expiration; Unix seconds; no expiry when absent. */
  expiresAt?: number;
  /** Tornado's key version (the `cookie_secret` dict entry that signs); 0 when absent. */
  keyVersion?: number;
  /** Laravel's `config('app.cipher')`: aes-256-cbc (default; aes-128-cbc for a 16-byte APP_KEY), aes-128-cbc, aes-256-gcm, aes-128-gcm. */
  cipher?: string;
  /** iron: the password id (none by default; iron-session `1`), PBKDF2 iterations (1; h3 v2 8192), iron-session's `~2`. */
  iron?: { passwordId?: string; iterations?: number; sealVersion?: string };
}

/** One cookie to set, its value exactly as the framework's `Set-Cookie` carries it. */
interface WrittenCookie {
  name: string;
  value: string;
}

export type WriteResult = { ok: true; cookies: WrittenCookie[] } | { ok: false; problem: Problem };

/** One cookie format: recognise a cookie and read it, and for some formats write one. Must never throw. */
export interface SessionFormat {
  id: FormatId;
  /**
   * False when the framework's reader never percent-decodes a cookie (Werkzeug): a percent-encoded value is then read
   * as it travels, `%41` and all, and its percent-decoded form is not this format's.
   */
  percentDecoded?: false;
  /** Recognise the cookie and read what can be read without a secret; null = not this format. */
  read(cookie: CookieInput, context: FormatContext): Reading | null;
  /**
   * Write `payload` (as `read` reports it: Flask tags in place) signed or encrypted with `secret`, as the framework
   * would: usually one cookie, cookie-session two (`<name>` and `<name>.sig`). A payload or option the format cannot
   * carry is a `cannot-write` problem. Absent for formats that are only read.
   */
  write?(payload: unknown, secret: Secret, options: WriteOptions): Promise<WriteResult> | WriteResult;
}

/** The HMAC checks a wordlist or the known keys can be tried against: a signed format's, or an encrypted one's integrity. */
export function hmacChecks(signing: Signing): HmacCheck[] {
  return signing.kind === 'hmac' ? signing.checks : signing.kind === 'keyed' ? (signing.checks ?? []) : [];
}

/** Adds the warning unless the list already says it (a cookie opened by several secrets learns the same ones). */
export function addWarning(warnings: Warning[], warning: Warning): void {
  if (!warnings.some((known) => known.code === warning.code && known.message === warning.message)) warnings.push(warning);
}
