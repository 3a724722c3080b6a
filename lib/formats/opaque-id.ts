import type { SessionFormat } from './format';

/**
 * A cookie value a server can use as a key: cookie-octets (RFC 6265) without the quote, comma, semicolon and
 * backslash, so no JSON, no quoting, no spaces.
 */
const TOKEN = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]{1,1024}$/;

/** For names that only suggest a session (`sid`, `*_session`...) the value must look like a random id too. */
const ID_LIKE = /^[A-Za-z0-9_.~+/=:-]{8,256}$/;

interface IdKind {
  name: RegExp;
  framework: string;
  /** Only the cookie name, not the value, is needed to recognise it. */
  certain: boolean;
}

/** First match wins: exact framework names first, then the generic patterns. */
const KINDS: readonly IdKind[] = [
  { name: /^PHPSESSID$/i, framework: 'PHP', certain: true },
  { name: /^JSESSIONID$/i, framework: 'Java servlet container (Tomcat, Jetty, Spring)', certain: true },
  { name: /^ASP\.NET_SessionId$/i, framework: 'ASP.NET', certain: true },
  { name: /^ASPSESSIONID[A-Z]{8}$/, framework: 'Classic ASP', certain: true },
  { name: /^\.AspNetCore\.Session$/, framework: 'ASP.NET Core', certain: true },
  { name: /^connect\.sid$/, framework: 'Express (express-session, unsigned)', certain: true },
  { name: /^laravel_session$/, framework: 'Laravel', certain: true },
  { name: /^ci_session$/, framework: 'CodeIgniter', certain: true },
  { name: /^_session_id$/, framework: 'Ruby on Rails / Rack (server-side session store)', certain: true },
  { name: /^rack\.session$/, framework: 'Rack', certain: true },
  { name: /^sessionid$/, framework: 'Django (database, cache or file session backend)', certain: true },
  { name: /^S?SESS[0-9a-f]{32}$/, framework: 'Drupal', certain: true },
  { name: /^(CFID|CFTOKEN)$/, framework: 'ColdFusion', certain: true },
  { name: /^_[A-Za-z0-9-]+_session$/, framework: 'Ruby on Rails (server-side session store)', certain: false },
  { name: /^[A-Za-z0-9-]+_session$/, framework: 'Laravel or another framework (*_session)', certain: false },
  { name: /^(sid|session|sess)$/i, framework: 'unknown framework', certain: false },
  { name: /(^|[._-])(sess|session)[._-]?(id|key|token)$/i, framework: 'unknown framework', certain: false },
  { name: /sessid$/i, framework: 'unknown framework', certain: false },
];

const NOTES: Readonly<Record<string, string>> = {
  Laravel: 'Laravel normally encrypts this cookie; a bare id means it is excluded from EncryptCookies or set by other code',
  'Express (express-session, unsigned)': 'express-session always signs connect.sid ("s:..."); an unsigned value is not one express-session accepts',
};

/**
 * Server-side sessions: the cookie holds only an id into the server's store, so there is nothing to decode or verify.
 * Recognised by the cookie's name; last in the registry, after every format that could read the value.
 */
export const opaqueId: SessionFormat = {
  id: 'opaque-id',
  read(cookie) {
    if (!TOKEN.test(cookie.value)) return null;
    const kind = KINDS.find((candidate) => candidate.name.test(cookie.name));
    if (!kind || (!kind.certain && !ID_LIKE.test(cookie.value))) return null;
    const note = NOTES[kind.framework];
    return {
      format: 'opaque-id',
      label: kind.framework === 'unknown framework' ? 'Server-side session id' : `${kind.framework.replace(/ \(.*\)$/, '')} session id`,
      isSession: true,
      payload: cookie.value,
      issuedAt: null,
      signing: { kind: 'unsigned' },
      warnings: [],
      facts: {
        framework: kind.framework,
        storage: 'server-side session, id only: the data stays on the server',
        ...(note ? { note } : {}),
      },
    };
  },
};
