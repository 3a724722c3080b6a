import { cookieDomainScope, cookiePartition, cookieSize, flagWarnings, type FlagLevel } from '../lib/decode/cookie-flags';
import type { CookieInput } from '../lib/types';
import { LongText } from './LongText';

const LEVEL_WORD: Readonly<Record<FlagLevel, string>> = { danger: 'Danger', warn: 'Warning', info: 'Note' };
/** A cookie's SameSite attribute in the words its Set-Cookie header would use. */
export const SAME_SITE: Readonly<Record<NonNullable<CookieInput['sameSite']>, string>> = {
  no_restriction: 'SameSite=None',
  lax: 'SameSite=Lax',
  strict: 'SameSite=Strict',
  unspecified: 'SameSite not set',
};

export interface CookieFlagsProps {
  cookie: CookieInput;
  /** The tab's URL, to judge Secure and Domain against. */
  pageUrl: string;
  isSession: boolean;
}

/** A cookie's attributes as small labels, then plain warnings about them (worst first). */
export function CookieFlags({ cookie, pageUrl, isSession }: CookieFlagsProps) {
  const warnings = flagWarnings(cookie, pageUrl, isSession);
  const known = cookie.httpOnly !== undefined || cookie.secure !== undefined || cookie.sameSite !== undefined || cookie.domain !== undefined;
  const domain = cookieDomainScope(cookie);
  const partition = cookiePartition(cookie);
  return (
    <div className="sl-flags">
      <ul className="sl-chips" aria-label="Cookie attributes">
        {!known && <li className="sl-chip sl-chip--unknown">Attributes not reported</li>}
        {cookie.httpOnly !== undefined && <li className={cookie.httpOnly ? 'sl-chip' : 'sl-chip sl-chip--off'}>{cookie.httpOnly ? 'HttpOnly' : 'not HttpOnly'}</li>}
        {cookie.secure !== undefined && <li className={cookie.secure ? 'sl-chip' : 'sl-chip sl-chip--off'}>{cookie.secure ? 'Secure' : 'not Secure'}</li>}
        {cookie.sameSite !== undefined && <li className="sl-chip">{SAME_SITE[cookie.sameSite] ?? 'SameSite ?'}</li>}
        {domain !== null ? (
          <li className="sl-chip">
            Domain=<LongText text={domain} limit={80} />
          </li>
        ) : (
          cookie.domain !== undefined && <li className="sl-chip">Host-only</li>
        )}
        {cookie.path !== undefined && (
          <li className="sl-chip">
            Path=<LongText text={cookie.path} limit={80} />
          </li>
        )}
        {partition !== null && <li className="sl-chip">Partitioned</li>}
        <li className="sl-chip">{cookieSize(cookie).toLocaleString('en')} bytes</li>
      </ul>
      {warnings.length > 0 && (
        <ul className="sl-flag-warnings" aria-label="Cookie attribute warnings">
          {warnings.map((warning, index) => (
            <li key={index} className={`sl-flag-warning sl-level--${warning.level}`}>
              <strong className="sl-level-word">{LEVEL_WORD[warning.level]}:</strong> <LongText text={warning.text} limit={400} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
