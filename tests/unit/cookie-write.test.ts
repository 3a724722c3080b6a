import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import {
  MAX_CHANGES_PER_SITE,
  forgetWrite,
  readForgetWriteRequest,
  readUndoWriteAnswer,
  readUndoWriteRequest,
  readWriteCookiesAnswer,
  readWriteCookiesRequest,
  undoWrite,
  writeCookies,
  writtenChangesStore,
  type WriteCookiesRequest,
} from '../../lib/browser/cookie-write';
import type { CookieInput } from '../../lib/types';

const SITE = 'https://app.example.com';
const TAB_ID = 4;

/** A host-only session cookie as Chromium reports it. */
const SESSION: CookieInput = {
  name: 'session',
  value: 'old-session',
  domain: 'app.example.com',
  path: '/',
  hostOnly: true,
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
  session: true,
  storeId: '0',
};

/** A cookie for every subdomain, ending at a date. */
const REMEMBER: CookieInput = {
  name: 'remember',
  value: 'old-remember',
  domain: '.example.com',
  path: '/app',
  hostOnly: false,
  httpOnly: false,
  secure: false,
  sameSite: 'strict',
  session: false,
  expirationDate: 1_900_000_000,
  storeId: '0',
};

/** A partitioned (CHIPS) cookie in an incognito store. */
const PARTITIONED: CookieInput = {
  ...SESSION,
  name: 'chips',
  value: 'old-chips',
  sameSite: 'no_restriction',
  storeId: '1',
  partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: false },
};

/**
 * An in-memory cookie jar behind browser.cookies, as Chromium keeps one: a cookie is its name, domain, path, store and
 * partition; setting one with a domain makes a domain cookie (leading dot), without one a host-only cookie. Names in
 * `refused` are refused the way the browser refuses a cookie (it throws).
 */
function fakeJar(initial: CookieInput[], refused: string[] = []) {
  let cookies = initial.map((cookie) => ({ ...cookie }));
  const same = (a: CookieInput, b: CookieInput) =>
    a.name === b.name && a.domain === b.domain && a.path === b.path && a.storeId === b.storeId && a.partitionKey?.topLevelSite === b.partitionKey?.topLevelSite;
  const set = vi.spyOn(fakeBrowser.cookies, 'set').mockImplementation(async (details) => {
    if (refused.includes(details.name ?? '')) throw new Error(`Failed to parse or set cookie named "${details.name}".`);
    const url = new URL(details.url);
    const cookie: CookieInput = {
      name: details.name ?? '',
      value: details.value ?? '',
      domain: details.domain ? `.${details.domain.replace(/^\./, '')}` : url.hostname,
      path: details.path ?? '/',
      hostOnly: !details.domain,
      httpOnly: details.httpOnly ?? false,
      secure: details.secure ?? false,
      sameSite: details.sameSite ?? 'unspecified',
      session: details.expirationDate === undefined,
      ...(details.expirationDate !== undefined ? { expirationDate: details.expirationDate } : {}),
      storeId: details.storeId ?? '0',
      ...(details.partitionKey ? { partitionKey: details.partitionKey as CookieInput['partitionKey'] } : {}),
      ...('firstPartyDomain' in details ? { firstPartyDomain: details.firstPartyDomain as string } : {}),
    };
    cookies = [...cookies.filter((other) => !same(other, cookie)), cookie];
    return cookie as Browser.cookies.Cookie;
  });
  const remove = vi.spyOn(fakeBrowser.cookies, 'remove').mockImplementation(async (details) => {
    const url = new URL(details.url);
    const gone = (cookie: CookieInput) =>
      cookie.name === details.name &&
      cookie.domain!.replace(/^\./, '') === url.hostname &&
      cookie.path === url.pathname &&
      cookie.storeId === (details.storeId ?? '0') &&
      cookie.partitionKey?.topLevelSite === details.partitionKey?.topLevelSite;
    cookies = cookies.filter((cookie) => !gone(cookie));
    return details as never;
  });
  vi.spyOn(fakeBrowser.cookies, 'getAll').mockImplementation(async (filter) =>
    cookies.filter(
      (cookie) =>
        (filter.name === undefined || cookie.name === filter.name) &&
        (filter.domain === undefined || cookie.domain!.replace(/^\./, '').endsWith(filter.domain)) &&
        (filter.path === undefined || cookie.path === filter.path) &&
        cookie.storeId === (filter.storeId ?? '0') &&
        (filter.partitionKey === undefined || cookie.partitionKey?.topLevelSite === filter.partitionKey.topLevelSite),
    ) as Browser.cookies.Cookie[],
  );
  const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined);
  return {
    set,
    remove,
    reload,
    /** The jar now, by name: value (a name once only in these tests). */
    values: () => Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie.value])),
    find: (name: string) => cookies.find((cookie) => cookie.name === name),
    /** The site changes a cookie (a new login, a refreshed session). */
    siteSets: (cookie: CookieInput) => {
      cookies = [...cookies.filter((other) => !same(other, cookie)), cookie];
    },
    siteDeletes: (name: string) => {
      cookies = cookies.filter((cookie) => cookie.name !== name);
    },
  };
}

function request(overrides: Partial<WriteCookiesRequest> = {}): WriteCookiesRequest {
  return {
    type: 'write-cookies',
    tabId: TAB_ID,
    site: SITE,
    label: 'Edited session (Flask session)',
    originals: [SESSION],
    cookies: [{ name: 'session', value: 'new-session' }],
    remove: [],
    reload: false,
    ...overrides,
  };
}

async function written(overrides: Partial<WriteCookiesRequest> = {}) {
  const answer = await writeCookies(request(overrides));
  if (!answer.ok) throw new Error(`write failed: ${answer.message}`);
  return answer.change;
}

/** The details the cookie named `name` was last set with. */
function setDetailsOf(set: ReturnType<typeof fakeJar>['set'], name: string): Browser.cookies.SetDetails {
  const calls = set.mock.calls.filter(([details]) => details.name === name);
  expect(calls.length).toBeGreaterThan(0);
  return calls.at(-1)![0];
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('writeCookies: the original attributes are kept exactly', () => {
  it('keeps a host-only session cookie host-only (no domain) and ending with the browser session (no expiry)', async () => {
    const jar = fakeJar([SESSION]);
    await written();
    expect(setDetailsOf(jar.set, 'session')).toEqual({
      url: 'https://app.example.com/',
      name: 'session',
      value: 'new-session',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      storeId: '0',
    });
    expect(jar.find('session')).toEqual({ ...SESSION, value: 'new-session' });
  });

  it('gives a session cookie no expiry even when the cookie it came from carries one', async () => {
    const jar = fakeJar([SESSION]);
    await written({ originals: [{ ...SESSION, expirationDate: 1_900_000_000 }] });
    expect(setDetailsOf(jar.set, 'session')).not.toHaveProperty('expirationDate');
  });

  it('keeps a domain cookie for every subdomain, with its path, scheme and expiry', async () => {
    const jar = fakeJar([REMEMBER]);
    await written({ originals: [REMEMBER], cookies: [{ name: 'remember', value: 'new-remember' }] });
    expect(setDetailsOf(jar.set, 'remember')).toEqual({
      url: 'http://example.com/app',
      name: 'remember',
      value: 'new-remember',
      path: '/app',
      domain: '.example.com',
      secure: false,
      httpOnly: false,
      sameSite: 'strict',
      expirationDate: 1_900_000_000,
      storeId: '0',
    });
    expect(jar.find('remember')).toEqual({ ...REMEMBER, value: 'new-remember' });
  });

  it('keeps a partitioned cookie in its partition and its store; an unpartitioned one gets no partition key', async () => {
    const jar = fakeJar([SESSION, PARTITIONED]);
    await written({ originals: [SESSION, PARTITIONED], cookies: [{ name: 'session', value: 'new-session' }, { name: 'chips', value: 'new-chips' }] });
    expect(setDetailsOf(jar.set, 'chips')).toMatchObject({ storeId: '1', partitionKey: PARTITIONED.partitionKey, sameSite: 'no_restriction' });
    expect(setDetailsOf(jar.set, 'session')).not.toHaveProperty('partitionKey');
    expect(jar.find('chips')).toEqual({ ...PARTITIONED, value: 'new-chips' });
  });

  it('names Firefox\'s first party when the cookie has one, and only then', async () => {
    const isolated: CookieInput = { ...SESSION, name: 'fpi', firstPartyDomain: 'example.com' };
    const jar = fakeJar([SESSION, isolated]);
    const change = await written({ originals: [SESSION, isolated], cookies: [{ name: 'session', value: 'a' }, { name: 'fpi', value: 'b' }] });
    expect(setDetailsOf(jar.set, 'fpi')).toMatchObject({ firstPartyDomain: 'example.com' });
    // Undo reaches the same cookie again: the record keeps its first party.
    expect(change.written[1]).toEqual({ ...isolated, value: 'b' });
    expect(setDetailsOf(jar.set, 'session')).not.toHaveProperty('firstPartyDomain');
  });

  it('gives a new companion or chunk the attributes of the first original', async () => {
    const jar = fakeJar([REMEMBER, SESSION]);
    const change = await written({ originals: [REMEMBER, SESSION], cookies: [{ name: 'remember.1', value: 'chunk' }] });
    expect(setDetailsOf(jar.set, 'remember.1')).toEqual({
      url: 'http://example.com/app',
      name: 'remember.1',
      value: 'chunk',
      path: '/app',
      domain: '.example.com',
      secure: false,
      httpOnly: false,
      sameSite: 'strict',
      expirationDate: 1_900_000_000,
      storeId: '0',
    });
    expect(jar.find('remember.1')).toEqual({ ...REMEMBER, name: 'remember.1', value: 'chunk' });
    // It did not exist before: Undo has no original of it to restore.
    expect(change.originals.map((cookie) => cookie.name)).toEqual([]);
  });

  it('deletes the chunks the new value no longer needs, where they live, and keeps them for Undo', async () => {
    const chunk: CookieInput = { ...PARTITIONED, name: 'chips.1', value: 'old-chunk' };
    const jar = fakeJar([PARTITIONED, chunk]);
    const change = await written({ originals: [PARTITIONED, chunk], cookies: [{ name: 'chips', value: 'whole' }], remove: ['chips.1'] });
    expect(jar.remove).toHaveBeenCalledWith({ url: 'https://app.example.com/', name: 'chips.1', storeId: '1', partitionKey: PARTITIONED.partitionKey });
    expect(jar.values()).toEqual({ chips: 'whole' });
    expect(change.originals).toEqual([PARTITIONED, chunk]);
  });

  it('records the change newest first, and reloads the tab only when asked', async () => {
    const jar = fakeJar([SESSION]);
    const first = await written({ cookies: [{ name: 'session', value: 'one' }] });
    expect(jar.reload).not.toHaveBeenCalled();
    const second = await written({ cookies: [{ name: 'session', value: 'two' }], reload: true });
    expect(jar.reload).toHaveBeenCalledWith(TAB_ID);
    expect((await writtenChangesStore.getValue())[SITE]!.map((change) => change.id)).toEqual([second.id, first.id]);
    expect(second).toMatchObject({ label: 'Edited session (Flask session)', tabId: TAB_ID, reload: true, originals: [{ ...SESSION, value: 'one' }], written: [{ ...SESSION, value: 'two' }] });
  });

  it(`keeps the last ${MAX_CHANGES_PER_SITE} writes of a site`, async () => {
    fakeJar([SESSION]);
    const ids: string[] = [];
    for (let count = 0; count <= MAX_CHANGES_PER_SITE; count++) ids.unshift((await written({ cookies: [{ name: 'session', value: `v${count}` }] })).id);
    const kept = (await writtenChangesStore.getValue())[SITE]!;
    expect(kept.map((change) => change.id)).toEqual(ids.slice(0, MAX_CHANGES_PER_SITE));
  });

  it('puts back what it had written when the browser refuses a later cookie, and says so in plain words', async () => {
    const jar = fakeJar([SESSION, REMEMBER], ['remember']);
    const answer = await writeCookies(request({ originals: [SESSION, REMEMBER], cookies: [{ name: 'session', value: 'new' }, { name: 'remember', value: 'new' }] }));
    expect(answer).toEqual({ ok: false, message: 'The browser refused to write the cookie "remember" (Failed to parse or set cookie named "remember".). Nothing was changed.' });
    expect(jar.values()).toEqual({ session: 'old-session', remember: 'old-remember' });
    expect(jar.find('session')).toEqual(SESSION);
    expect(await writtenChangesStore.getValue()).toEqual({});
  });

  it('deletes a new companion again when a later cookie is refused', async () => {
    const jar = fakeJar([SESSION], ['session']);
    const answer = await writeCookies(request({ cookies: [{ name: 'session.sig', value: 'sig' }, { name: 'session', value: 'new' }] }));
    expect(answer.ok).toBe(false);
    expect(jar.values()).toEqual({ session: 'old-session' });
  });

  it('writes only the site\'s own cookies', async () => {
    const jar = fakeJar([]);
    const answer = await writeCookies(request({ originals: [{ ...SESSION, domain: 'bank.example.org' }] }));
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('belongs to bank.example.org, not to app.example.com') });
    expect(jar.set).not.toHaveBeenCalled();
  });
});

describe('undoWrite', () => {
  it('restores every original exactly, deletes the cookies the write added, drops the change and reloads a reload write', async () => {
    const jar = fakeJar([SESSION, REMEMBER]);
    const change = await written({ originals: [SESSION, REMEMBER], cookies: [{ name: 'session', value: 'new' }, { name: 'session.sig', value: 'sig' }], remove: ['remember'], reload: true });
    expect(jar.values()).toEqual({ session: 'new', 'session.sig': 'sig' });
    jar.reload.mockClear();
    expect(await undoWrite({ type: 'undo-write', tabId: 9, site: SITE, changeId: change.id, force: false })).toEqual({ ok: true });
    expect(jar.find('session')).toEqual(SESSION);
    expect(jar.find('remember')).toEqual(REMEMBER);
    expect(jar.find('session.sig')).toBeUndefined();
    expect(await writtenChangesStore.getValue()).toEqual({});
    expect(jar.reload).toHaveBeenCalledWith(9);
  });

  it('does not reload after undoing a write that did not', async () => {
    const jar = fakeJar([SESSION]);
    const change = await written();
    expect(await undoWrite({ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: change.id, force: false })).toEqual({ ok: true });
    expect(jar.reload).not.toHaveBeenCalled();
  });

  it('answers the conflict and restores nothing when the site changed or deleted a written cookie since', async () => {
    const jar = fakeJar([SESSION, REMEMBER]);
    const change = await written({ originals: [SESSION, REMEMBER], cookies: [{ name: 'session', value: 'mine' }, { name: 'remember', value: 'mine-too' }] });
    jar.siteSets({ ...SESSION, value: 'site-refreshed' });
    jar.siteDeletes('remember');
    const setsBefore = jar.set.mock.calls.length;
    expect(await undoWrite({ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: change.id, force: false })).toEqual({
      ok: false,
      conflict: [
        { name: 'session', written: 'mine', current: 'site-refreshed' },
        { name: 'remember', written: 'mine-too', current: null },
      ],
    });
    expect(jar.set.mock.calls.length).toBe(setsBefore);
    expect(jar.values()).toEqual({ session: 'site-refreshed' });
    expect((await writtenChangesStore.getValue())[SITE]!.map((entry) => entry.id)).toEqual([change.id]);
  });

  it('restores the originals over the site\'s change when forced', async () => {
    const jar = fakeJar([SESSION]);
    const change = await written();
    jar.siteSets({ ...SESSION, value: 'site-refreshed' });
    expect(await undoWrite({ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: change.id, force: true })).toEqual({ ok: true });
    expect(jar.find('session')).toEqual(SESSION);
    expect(await writtenChangesStore.getValue()).toEqual({});
  });

  it('puts the cookies back as they were when the browser refuses a restore, and keeps the change', async () => {
    const jar = fakeJar([SESSION, REMEMBER]);
    const change = await written({ originals: [SESSION, REMEMBER], cookies: [{ name: 'session', value: 'mine' }, { name: 'remember', value: 'mine-too' }] });
    jar.set.mockImplementation(async (details) => {
      throw new Error(`Failed to parse or set cookie named "${details.name}".`);
    });
    const answer = await undoWrite({ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: change.id, force: false });
    expect(answer).toMatchObject({ ok: false, message: expect.stringContaining('The browser refused to write the cookie "session"') });
    expect(jar.values()).toEqual({ session: 'mine', remember: 'mine-too' });
    expect((await writtenChangesStore.getValue())[SITE]).toHaveLength(1);
  });

  it('says so when the change is no longer in the undo list', async () => {
    fakeJar([SESSION]);
    expect(await undoWrite({ type: 'undo-write', tabId: TAB_ID, site: SITE, changeId: 'gone', force: false })).toEqual({ ok: false, message: expect.stringContaining('no longer in the undo list') });
  });
});

describe('forgetWrite', () => {
  it('drops one change of the site and leaves the cookies as they are', async () => {
    const jar = fakeJar([SESSION]);
    const first = await written({ cookies: [{ name: 'session', value: 'one' }] });
    const second = await written({ cookies: [{ name: 'session', value: 'two' }] });
    await forgetWrite({ type: 'forget-write', site: SITE, changeId: second.id });
    expect((await writtenChangesStore.getValue())[SITE]!.map((change) => change.id)).toEqual([first.id]);
    await forgetWrite({ type: 'forget-write', site: SITE, changeId: first.id });
    expect(await writtenChangesStore.getValue()).toEqual({});
    expect(jar.values()).toEqual({ session: 'two' });
  });
});

describe('write messages are checked on arrival', () => {
  const good = request();

  it('reads a well-formed request, keeping only the cookie attributes Session Lens knows', () => {
    const withExtra = { ...good, originals: [{ ...SESSION, url: 'https://elsewhere.example/', extra: 1 }] };
    expect(readWriteCookiesRequest(withExtra)).toEqual(good);
  });

  it.each([
    ['no object', 'write-cookies'],
    ['another type', { ...good, type: 'undo-write' }],
    ['a tab id that is no integer', { ...good, tabId: '4' }],
    ['a site that is no origin', { ...good, site: 'https://app.example.com/path' }],
    ['no label', { ...good, label: undefined }],
    ['no originals', { ...good, originals: [] }],
    ['an original without a domain', { ...good, originals: [{ ...SESSION, domain: undefined }] }],
    ['an original with a relative path', { ...good, originals: [{ ...SESSION, path: 'x' }] }],
    ['an unknown SameSite', { ...good, originals: [{ ...SESSION, sameSite: 'none' }] }],
    ['an expiry that is no number', { ...good, originals: [{ ...SESSION, expirationDate: '2030' }] }],
    ['a flag that is no boolean', { ...good, originals: [{ ...SESSION, httpOnly: 'yes' }] }],
    ['a partition key that is no object', { ...good, originals: [{ ...SESSION, partitionKey: 'https://example.com' }] }],
    ['a cookie value that is no string', { ...good, cookies: [{ name: 'session', value: 1 }] }],
    ['a name written twice', { ...good, cookies: [{ name: 'session', value: 'a' }, { name: 'session', value: 'b' }] }],
    ['a name both written and deleted', { ...good, remove: ['session'] }],
    ['a deletion of no original', { ...good, remove: ['other'] }],
    ['no reload choice', { ...good, reload: 'yes' }],
  ])('refuses a write request with %s', (_, message) => {
    expect(readWriteCookiesRequest(message)).toBeNull();
  });

  it('reads undo and forget requests and refuses malformed ones', () => {
    const undo = { type: 'undo-write', tabId: 1, site: SITE, changeId: 'c', force: false };
    expect(readUndoWriteRequest(undo)).toEqual(undo);
    expect(readUndoWriteRequest({ ...undo, force: 'true' })).toBeNull();
    expect(readUndoWriteRequest({ ...undo, changeId: 3 })).toBeNull();
    expect(readUndoWriteRequest({ ...undo, tabId: -1 })).toBeNull();
    const forget = { type: 'forget-write', site: SITE, changeId: 'c' };
    expect(readForgetWriteRequest(forget)).toEqual(forget);
    expect(readForgetWriteRequest({ ...forget, site: 'javascript:alert(1)' })).toBeNull();
    expect(readForgetWriteRequest({ ...forget, type: 'undo-write' })).toBeNull();
  });

  it('reads the background\'s answers and refuses what is not one', async () => {
    fakeJar([SESSION]);
    const answer = await writeCookies(request());
    expect(readWriteCookiesAnswer(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    expect(readWriteCookiesAnswer({ ok: false, message: 'no' })).toEqual({ ok: false, message: 'no' });
    expect(readWriteCookiesAnswer(undefined)).toBeNull();
    expect(readWriteCookiesAnswer({ ok: true })).toBeNull();
    expect(readWriteCookiesAnswer({ ok: true, change: { ...(answer.ok && answer.change), written: [{ name: 'x' }] } })).toBeNull();
    const conflict = { ok: false, conflict: [{ name: 'session', written: 'a', current: null }] };
    expect(readUndoWriteAnswer(conflict)).toEqual(conflict);
    expect(readUndoWriteAnswer({ ok: true })).toEqual({ ok: true });
    expect(readUndoWriteAnswer({ ok: false, conflict: [] })).toBeNull();
    expect(readUndoWriteAnswer({ ok: false, conflict: [{ name: 'session', written: 'a', current: 5 }] })).toBeNull();
    expect(readUndoWriteAnswer({ ok: 'yes' })).toBeNull();
  });
});
