import { encodeUtf8 } from '../codec/text';
import type { CookieInput } from '../types';

/** How much a cookie attribute problem matters: danger = exploitable, warn = risky, info = worth knowing. */
export type FlagLevel = 'danger' | 'warn' | 'info';

/** One plain-language remark about how a cookie is set. */
export interface FlagWarning {
  level: FlagLevel;
  text: string;
}

/** Browsers keep at most 4096 bytes of name + value per cookie (RFC 6265 §6.1 minimum, what all of them do). */
export const COOKIE_SIZE_LIMIT = 4096;
/** Above this the cookie is close enough to the limit that a little more session data gets it dropped. */
const COOKIE_SIZE_WARNING = 3584;

const LEVEL_ORDER: Readonly<Record<FlagLevel, number>> = { danger: 0, warn: 1, info: 2 };
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Bytes of name + value as the browser counts them (UTF-8). */
export function cookieSize(cookie: Pick<CookieInput, 'name' | 'value'>): number {
  return encodeUtf8(String(cookie.name ?? '')).length + encodeUtf8(String(cookie.value ?? '')).length;
}

/** The bare domain a cookie's Domain attribute names, or null for a host-only cookie. */
export function cookieDomainScope(cookie: CookieInput): string | null {
  if (cookie.hostOnly === true || !cookie.domain) return null;
  if (cookie.hostOnly === undefined && !cookie.domain.startsWith('.')) return null;
  return cookie.domain.replace(/^\./, '').toLowerCase();
}

/** The CHIPS partition's top-level site, or null for an unpartitioned cookie. */
export function cookiePartition(cookie: CookieInput): string | null {
  const site = cookie.partitionKey?.topLevelSite;
  return typeof site === 'string' && site !== '' ? site : null;
}

/**
 * Plain warnings about how a cookie is set, worst first.
 *
 * Flags the browser did not report (a cookie read from a `Cookie:` header has only name and value)
 * are unknown, not missing: they give no warning. Attribute advice (HttpOnly, Secure, SameSite,
 * Domain, Path, plain http) is only given for session cookies; size and partitioning concern any cookie.
 */
export function flagWarnings(cookie: CookieInput, pageUrl: string, isSession: boolean): FlagWarning[] {
  const warnings: FlagWarning[] = [];
  const page = parseUrl(pageUrl);
  const host = page?.hostname.toLowerCase() ?? '';
  const what = isSession ? 'this session cookie' : 'this cookie';

  if (isSession) {
    if (cookie.httpOnly === false) {
      warnings.push({
        level: 'danger',
        text: 'Not HttpOnly: any script on the page can read this session cookie, so a single XSS bug lets an attacker steal the session. Set HttpOnly.',
      });
    }
    if (page?.protocol === 'https:' && cookie.secure === false) {
      warnings.push({
        level: 'warn',
        text: 'Not Secure: the browser also sends this session cookie over plain http, where anyone on the network can read it. Set Secure.',
      });
    }
    if (page?.protocol === 'http:' && !LOCAL_HOSTS.has(host)) {
      warnings.push({
        level: 'warn',
        text: 'This page is served over plain http: the session cookie travels unencrypted on every request.',
      });
    }
    if (cookie.sameSite === 'no_restriction') {
      warnings.push({
        level: 'warn',
        text: 'SameSite=None: other sites can make requests that carry this session (cross-site request forgery), so the app must check CSRF tokens. Use SameSite=Lax unless the site is embedded elsewhere.',
      });
    } else if (cookie.sameSite === 'unspecified') {
      warnings.push({
        level: 'info',
        text: 'No SameSite attribute: Chrome treats it as Lax, but other browsers may send it on cross-site requests. Set SameSite=Lax explicitly.',
      });
    }
    const scope = cookieDomainScope(cookie);
    if (scope !== null && host !== '') {
      if (scope !== host && host.endsWith(`.${scope}`)) {
        warnings.push({
          level: 'warn',
          text: `Domain=${scope}: sent to ${scope} and every subdomain of it, not just ${host}; any of those sites can read or overwrite this session. Leave out Domain to keep it on ${host}.`,
        });
      } else if (scope === host) {
        warnings.push({
          level: 'info',
          text: `Domain=${scope}: every subdomain of ${host} receives this session too. Leave out Domain to keep it on ${host} only.`,
        });
      }
    }
    const pagePath = page?.pathname ?? '';
    if ((cookie.path ?? '/') === '/' && /^\/~[^/]/.test(pagePath)) {
      const home = pagePath.split('/')[1] ?? '';
      warnings.push({
        level: 'warn',
        text: `Path=/: the app lives under /${home}/ on a shared host, but this session is sent to every path on ${host}, including other users' pages. Set Path=/${home}/.`,
      });
    }
  }

  const size = cookieSize(cookie);
  if (size > COOKIE_SIZE_LIMIT) {
    warnings.push({
      level: isSession ? 'danger' : 'warn',
      text: `${size} bytes: over the ${COOKIE_SIZE_LIMIT}-byte limit browsers keep per cookie; browsers refuse to store a cookie this big, so changes to it are lost.`,
    });
  } else if (size > COOKIE_SIZE_WARNING) {
    warnings.push({
      level: 'warn',
      text: `${size} bytes: close to the ${COOKIE_SIZE_LIMIT}-byte limit per cookie; a little more data and the browser drops ${what}${isSession ? ', and the session silently stops saving' : ''}.`,
    });
  }

  const partition = cookiePartition(cookie);
  if (partition !== null) {
    warnings.push({
      level: 'info',
      text: `Partitioned (CHIPS): ${what} only exists while the site is embedded under ${partition}; it is separate from the cookies the site gets when visited directly.`,
    });
  }

  return warnings.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
