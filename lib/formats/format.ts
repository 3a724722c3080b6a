import type { HmacCheck } from '../crypto/hmac-check';
import type { CookieInput, FormatId, Problem, Secret, TypedValue, Warning } from '../types';

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
  /** Encrypted or public-key formats: try to open with one secret; null = this secret does not open it. */
  | { kind: 'keyed'; open: (secret: Secret) => Promise<Opened | null> };

/** What a format reads from a cookie without any secret. */
export interface Reading {
  format: FormatId;
  label: string;
  isSession: boolean;
  payload: unknown;
  typed?: TypedValue;
  issuedAt: number | null;
  /** The format's default server-side lifetime in seconds (the user's max age overrides it). */
  defaultMaxAge?: number;
  /** An expiry carried inside the cookie (JWT `exp`, Rails `_rails.exp`). */
  expiresAt?: number | null;
  signing: Signing;
  warnings: Warning[];
  facts: Record<string, string>;
  problem?: Problem;
}

/** One cookie format: recognise a cookie and read it. Must never throw. */
export interface SessionFormat {
  id: FormatId;
  /** Recognise the cookie and read what can be read without a secret; null = not this format. */
  read(cookie: CookieInput, context: FormatContext): Reading | null;
}

/** Adds the warning unless the list already says it (a cookie opened by several secrets learns the same ones). */
export function addWarning(warnings: Warning[], warning: Warning): void {
  if (!warnings.some((known) => known.code === warning.code && known.message === warning.message)) warnings.push(warning);
}
