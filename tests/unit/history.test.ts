import { describe, expect, it } from 'vitest';
import { decodeCookies } from '../../lib/decode/decode';
import { writeCookie } from '../../lib/formats/registry';
import { historyEvents, sessionStates, type ChangeContext, type CookieState, type HistoryEvent } from '../../lib/history/events';
import { exportedEvents, historyJson, redactSetCookie, REDACTED } from '../../lib/history/export';
import { responseFor, setCookieFor, setCookieHeaders, type SetCookieResponse } from '../../lib/history/requests';
import { MAX_EVENTS_PER_TAB, withNewEvents } from '../../lib/browser/session-history';
import type { CookieInput, TypedValue } from '../../lib/types';

const AT = 1_700_000_000_000;
const SITE = 'http://127.0.0.1:5000';

function context(overrides: Partial<ChangeContext> = {}): ChangeContext {
  let serial = 0;
  return { at: AT, site: SITE, expired: new Set(), ownWrite: () => false, newId: () => `e${serial++}`, ...overrides };
}

const str = (value: string): TypedValue => ({ type: 'string', value });
const num = (value: number): TypedValue => ({ type: 'number', value });
const dict = (...entries: [string, TypedValue][]): TypedValue => ({ type: 'dict', entries });
const list = (...items: TypedValue[]): TypedValue => ({ type: 'list', items });

function state(value: string, typed: TypedValue | undefined, overrides: Partial<CookieState> = {}): CookieState {
  return { name: 'session', value, format: 'flask', label: 'Flask session', ...(typed ? { typed } : {}), verdict: 'valid', expiresAt: null, ...overrides };
}

async function signedFlask(payload: unknown, secret: string, issuedAt: number): Promise<CookieInput> {
  const written = await writeCookie('flask', payload, secret, { issuedAt });
  if (!written.ok) throw new Error(written.problem.message);
  return { name: 'session', value: written.cookies[0]!.value, domain: '127.0.0.1', path: '/' };
}

describe('historyEvents', () => {
  it('sees a session created, with each key added', () => {
    const [event] = historyEvents([], [state('v1', dict(['user', str('alice')]))], context());
    expect(event).toMatchObject({ kind: 'created', cookie: 'session', before: null, after: { value: 'v1', verdict: 'valid' }, at: AT, site: SITE });
    expect(event!.changes).toEqual([{ path: ['user'], kind: 'added', after: str('alice') }]);
  });

  it('sees keys added, removed and changed, old → new with their types, nested in dicts and lists', () => {
    const before = state('v1', dict(['role', str('viewer')], ['cart', list(num(1), num(2))], ['prefs', dict(['theme', str('dark')])], ['gone', num(1)]));
    const after = state('v2', dict(['role', str('admin')], ['cart', list(num(1), str('2'), num(3))], ['prefs', dict(['theme', str('light')])], ['new', num(7)]));
    const [event] = historyEvents([before], [after], context());
    expect(event!.kind).toBe('changed');
    expect(event!.changes).toEqual([
      { path: ['role'], kind: 'changed', before: str('viewer'), after: str('admin') },
      { path: ['cart', 1], kind: 'changed', before: num(2), after: str('2') },
      { path: ['cart', 2], kind: 'added', after: num(3) },
      { path: ['prefs', 'theme'], kind: 'changed', before: str('dark'), after: str('light') },
      { path: ['gone'], kind: 'removed', before: num(1) },
      { path: ['new'], kind: 'added', after: num(7) },
    ]);
  });

  it('calls a new signature over the same payload re-signed, with the expiry it moved (real Flask cookies)', async () => {
    const first = await signedFlask({ user: 'alice' }, 'k', 1_700_000_000);
    const second = await signedFlask({ user: 'alice' }, 'k', 1_700_000_600);
    const options = { secrets: ['k'], now: 1_700_000_700 };
    const before = sessionStates([first], await decodeCookies([first], options));
    const after = sessionStates([second], await decodeCookies([second], options));
    const [event] = historyEvents(before, after, context());
    expect(event).toMatchObject({ kind: 're-signed', changes: [], format: 'flask', before: { verdict: 'valid' }, after: { verdict: 'valid' } });
    expect(event!.after!.expiresAt! - event!.before!.expiresAt!).toBe(600);
  });

  it('keeps the verdict before and after (a forged value is invalid)', async () => {
    const good = await signedFlask({ role: 'viewer' }, 'k', 1_700_000_000);
    const forged = await signedFlask({ role: 'admin' }, 'not-k', 1_700_000_000);
    const options = { secrets: ['k'], now: 1_700_000_100, knownSecrets: false };
    const [event] = historyEvents(sessionStates([good], await decodeCookies([good], options)), sessionStates([forged], await decodeCookies([forged], options)), context());
    expect(event).toMatchObject({ kind: 'changed', before: { verdict: 'valid' }, after: { verdict: 'invalid' } });
    expect(event!.changes).toEqual([{ path: ['role'], kind: 'changed', before: str('viewer'), after: str('admin') }]);
  });

  it('tells a session the browser expired from one the site deleted', () => {
    const old = [state('v1', dict(['user', str('alice')]))];
    expect(historyEvents(old, [], context())[0]).toMatchObject({ kind: 'removed', after: null, changes: [{ path: ['user'], kind: 'removed', before: str('alice') }] });
    expect(historyEvents(old, [], context({ expired: new Set(['session']) }))[0]!.kind).toBe('expired');
  });

  it('calls a new value it cannot read changed, not re-signed', () => {
    const [event] = historyEvents([state('a', undefined, { format: 'opaque-id' })], [state('b', undefined, { format: 'opaque-id' })], context());
    expect(event).toMatchObject({ kind: 'changed', changes: [] });
  });

  it('sees the cookie expiry moved on the same value, and nothing when nothing changed', () => {
    const same = state('v1', dict(['user', str('alice')]), { expiresAt: 100 });
    expect(historyEvents([same], [same], context())).toEqual([]);
    const [event] = historyEvents([same], [{ ...same, expiresAt: 200 }], context());
    expect(event).toMatchObject({ kind: 'changed', changes: [], before: { expiresAt: 100 }, after: { expiresAt: 200 } });
  });

  it('marks the changes Session Lens wrote itself (by name and value, or deletion)', () => {
    const own = (name: string, value: string | null) => name === 'session' && value === 'v2';
    const [written] = historyEvents([state('v1', dict())], [state('v2', dict())], context({ ownWrite: own }));
    expect(written!.bySessionLens).toBe(true);
    const [bySite] = historyEvents([state('v1', dict())], [state('v3', dict())], context({ ownWrite: own }));
    expect(bySite!.bySessionLens).toBeUndefined();
  });

  it('only follows session cookies', async () => {
    const cookies: CookieInput[] = [{ name: 'theme', value: 'dark' }];
    expect(sessionStates(cookies, await decodeCookies(cookies))).toEqual([]);
  });
});

function event(overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return { id: 'e', at: AT, site: SITE, cookie: 'session', kind: 'changed', format: 'flask', label: 'Flask session', changes: [], before: { value: 'old.sig1', verdict: 'valid', expiresAt: null }, after: { value: 'new.sig2', verdict: 'valid', expiresAt: null }, ...overrides };
}

describe('withNewEvents', () => {
  it('puts the newest first and keeps at most 200 per tab', () => {
    const kept = Array.from({ length: MAX_EVENTS_PER_TAB }, (_, index) => event({ id: `old${index}` }));
    const next = withNewEvents(kept, [event({ id: 'a' }), event({ id: 'b' })]);
    expect(next).toHaveLength(MAX_EVENTS_PER_TAB);
    expect(next.slice(0, 3).map((entry) => entry.id)).toEqual(['b', 'a', 'old0']);
    expect(next.at(-1)!.id).toBe(`old${MAX_EVENTS_PER_TAB - 3}`);
  });
});

const LOGIN: SetCookieResponse = { method: 'POST', url: `${SITE}/login`, status: 302, at: AT - 50, setCookies: ['theme=dark; Path=/', 'session=new.sig2; HttpOnly; Path=/'] };
const LOGOUT: SetCookieResponse = { method: 'GET', url: `${SITE}/logout`, status: 302, at: AT - 20, setCookies: ['session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/'] };

describe('responseFor', () => {
  it('finds the response whose Set-Cookie set the new value, and the one that deleted the cookie', () => {
    expect(responseFor(event(), [LOGOUT, LOGIN])).toBe(LOGIN);
    expect(responseFor(event({ kind: 'removed', after: null }), [LOGIN, LOGOUT])).toBe(LOGOUT);
  });

  it('finds none for another value, another cookie, a response stamped well after the change, or one that did not delete it', () => {
    expect(responseFor(event({ after: { value: 'other', verdict: 'valid', expiresAt: null } }), [LOGIN])).toBeNull();
    expect(responseFor(event({ cookie: 'remember_token' }), [LOGIN])).toBeNull();
    expect(responseFor(event(), [{ ...LOGIN, at: AT + 2_001 }])).toBeNull();
    const renewed = { ...LOGOUT, setCookies: ['session=; Max-Age=600; Path=/'] };
    expect(responseFor(event({ kind: 'removed', after: null }), [renewed])).toBeNull();
  });

  it('takes a response stamped just after the change when none before it made it (the browser does not order the two)', () => {
    // The browser stamps a response to the fraction of a millisecond, the background a change to the millisecond.
    const sameMillisecond = { ...LOGIN, at: AT + 0.6 };
    expect(responseFor(event(), [sameMillisecond])).toBe(sameMillisecond);
    const late = { ...LOGIN, at: AT + 40 };
    expect(responseFor(event(), [late])).toBe(late);
    const later = { ...LOGIN, url: `${SITE}/profile`, at: AT + 300 };
    expect(responseFor(event(), [later, late])).toBe(late);
    expect(responseFor(event(), [later, late, LOGIN])).toBe(LOGIN);
  });

  it('takes the newest of several that set the same value', () => {
    const again = { ...LOGIN, url: `${SITE}/again`, at: AT - 10 };
    expect(responseFor(event(), [again, LOGIN])).toBe(again);
    expect(responseFor(event(), [LOGIN, again])).toBe(again);
  });

  it('names the header that made the change, read as the browser stored it', () => {
    expect(setCookieFor(event(), LOGIN)).toEqual({ header: 'session=new.sig2; HttpOnly; Path=/', cookie: { name: 'session', value: 'new.sig2', session: true, httpOnly: true, path: '/' } });
    expect(setCookieFor(event({ cookie: 'theme' }), LOGIN)).toBeNull();
  });

  it('reads Set-Cookie headers one per entry or joined by newlines', () => {
    expect(setCookieHeaders([{ name: 'Set-Cookie', value: 'a=1\nb=2' }, { name: 'set-cookie', value: 'c=3' }, { name: 'Location', value: '/' }, { name: 'set-cookie' }])).toEqual(['a=1', 'b=2', 'c=3']);
  });
});

describe('exported history', () => {
  it('redacts raw values (their signatures) and Set-Cookie values by default', () => {
    const [exported] = exportedEvents([event()], () => LOGIN, false);
    expect(exported!.before!.value).toBe(REDACTED);
    expect(exported!.after!.value).toBe(REDACTED);
    expect(exported!.request).toEqual({ method: 'POST', url: `${SITE}/login`, status: 302, matchedBy: 'set-cookie', setCookie: [`session=${REDACTED}; HttpOnly; Path=/`] });
    const json = historyJson(SITE, [exported!], AT, true);
    expect(json).not.toContain('sig1');
    expect(json).not.toContain('sig2');
    expect(JSON.parse(json)).toMatchObject({ site: SITE, redacted: true, events: [{ kind: 'changed', cookie: 'session' }] });
  });

  it('keeps them when asked', () => {
    const [exported] = exportedEvents([event()], () => LOGIN, true);
    expect(exported!.after!.value).toBe('new.sig2');
    expect(exported!.request!.setCookie).toEqual(['session=new.sig2; HttpOnly; Path=/']);
  });

  it('redacts a Set-Cookie value whatever it holds', () => {
    expect(redactSetCookie('a=b=c; Path=/')).toBe(`a=${REDACTED}; Path=/`);
  });
});
