import type { CookieInput } from '../types';

/**
 * Cookies from a `Cookie:` header (`a=1; b=2`), with or without the `Cookie:` prefix.
 * Each pair splits at its first `=`; a pair without `=` is a cookie with an empty name, as browsers treat it.
 */
export function parseCookieHeader(header: string): CookieInput[] {
  const text = header.replace(/^\s*cookie\s*:/i, '');
  return text
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? { name: '', value: pair } : { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim() };
    });
}

/** One cookie from a `Set-Cookie:` header, with its attributes as the browser would record them. */
export function parseSetCookie(header: string, now = Math.floor(Date.now() / 1000)): CookieInput | null {
  const [pair, ...attributes] = header.replace(/^\s*set-cookie\s*:/i, '').split(';');
  const first = parseCookieHeader(pair ?? '')[0];
  if (!first) return null;
  const cookie: CookieInput = { ...first, session: true };
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    const key = (equals < 0 ? attribute : attribute.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? '' : attribute.slice(equals + 1).trim();
    if (key === 'domain') cookie.domain = value;
    else if (key === 'path') cookie.path = value;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite') cookie.sameSite = sameSite(value);
    else if (key === 'max-age' && /^-?\d+$/.test(value)) setExpiry(cookie, now + Number(value));
    else if (key === 'expires' && cookie.expirationDate === undefined && !Number.isNaN(Date.parse(value))) setExpiry(cookie, Math.floor(Date.parse(value) / 1000));
  }
  return cookie;
}

function setExpiry(cookie: CookieInput, unix: number): void {
  cookie.expirationDate = unix;
  cookie.session = false;
}

function sameSite(value: string): CookieInput['sameSite'] {
  const lower = value.toLowerCase();
  return lower === 'strict' ? 'strict' : lower === 'lax' ? 'lax' : lower === 'none' ? 'no_restriction' : 'unspecified';
}
