// Writing cookies back through the browser, and undoing it. Pages ask (Firefox's devtools panel has no
// browser.cookies), the background writes: what arrives either way is checked before it is used.
import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { isObject } from '../codec/json';
import { domainApplies } from './page-kind';
import { noteOwnWrite } from './own-writes';
import { toCookieInput } from './tab-cookies';
import type { CookieInput } from '../types';

/** Page -> background: write new cookie values for a site, keeping each cookie's attributes. */
export interface WriteCookiesRequest {
  type: 'write-cookies';
  tabId: number;
  site: string;
  /** What the user sees in the undo bar, e.g. "Edited session (Flask session)" or "Raw edit of theme". */
  label: string;
  /** The cookies as read before the write (full attributes): their attributes are kept, and Undo restores them. */
  originals: CookieInput[];
  /** New values. A name among originals keeps that cookie's attributes; a new name (a new companion or chunk) takes
   *  the attributes of originals[0]. */
  cookies: { name: string; value: string }[];
  /** Original cookies to delete (chunks the new value no longer needs). */
  remove: string[];
  /** Reload the tab after the write, so the site reads the new cookies at once. */
  reload: boolean;
}

export type WriteCookiesAnswer = { ok: true; change: WrittenChange } | { ok: false; message: string };

export interface UndoWriteRequest {
  type: 'undo-write';
  tabId: number;
  site: string;
  changeId: string;
  /** Restore the originals even where the site changed a written cookie since. */
  force: boolean;
}

/** A written cookie the site changed since the write: its value now, or null when the site deleted it. */
export interface WriteConflict {
  name: string;
  written: string;
  current: string | null;
}

export type UndoWriteAnswer =
  | { ok: true }
  /** The site changed a written cookie since: nothing was restored unless `force`. */
  | { ok: false; conflict: WriteConflict[] }
  | { ok: false; message: string };

/** Page -> background: drop an entry from the undo list ("keep the site's" / "keep mine"). */
export interface ForgetWriteRequest {
  type: 'forget-write';
  site: string;
  changeId: string;
}

/** One write, as Undo needs it. */
export interface WrittenChange {
  id: string;
  /** Unix seconds. */
  at: number;
  label: string;
  tabId: number;
  /** Every cookie the write replaced or deleted, exactly as it was before (cookies it added are not here). */
  originals: CookieInput[];
  /** The cookies as written. */
  written: CookieInput[];
  /** The write reloaded the tab: its Undo does too. */
  reload: boolean;
}

/** The undo list, by site, newest first: in memory until the browser closes (storage.session). */
export const writtenChangesStore = storage.defineItem<Record<string, WrittenChange[]>>('session:writtenChanges', { fallback: {} });

/** How many writes of one site Undo keeps. */
export const MAX_CHANGES_PER_SITE = 20;

// ---------- reading messages ----------

/** The message as a WriteCookiesRequest, or null when it is not one. */
export function readWriteCookiesRequest(message: unknown): WriteCookiesRequest | null {
  if (!isObject(message) || message.type !== 'write-cookies' || !isTabId(message.tabId) || !isSite(message.site) || typeof message.label !== 'string') return null;
  const originals = readList(message.originals, readStoredCookie);
  const cookies = readList(message.cookies, readNameValue);
  const remove = readList(message.remove, (name) => (typeof name === 'string' ? name : null));
  if (!originals || originals.length === 0 || !cookies || !remove || typeof message.reload !== 'boolean') return null;
  const names = cookies.map((cookie) => cookie.name);
  // Each cookie is written once or deleted once, and only originals are deleted.
  if (hasDuplicates([...names, ...remove]) || !remove.every((name) => originals.some((original) => original.name === name))) return null;
  return { type: 'write-cookies', tabId: message.tabId, site: message.site, label: message.label, originals, cookies, remove, reload: message.reload };
}

/** The message as an UndoWriteRequest, or null when it is not one. */
export function readUndoWriteRequest(message: unknown): UndoWriteRequest | null {
  if (!isObject(message) || message.type !== 'undo-write' || !isTabId(message.tabId) || !isSite(message.site)) return null;
  if (typeof message.changeId !== 'string' || typeof message.force !== 'boolean') return null;
  return { type: 'undo-write', tabId: message.tabId, site: message.site, changeId: message.changeId, force: message.force };
}

/** The message as a ForgetWriteRequest, or null when it is not one. */
export function readForgetWriteRequest(message: unknown): ForgetWriteRequest | null {
  if (!isObject(message) || message.type !== 'forget-write' || !isSite(message.site) || typeof message.changeId !== 'string') return null;
  return { type: 'forget-write', site: message.site, changeId: message.changeId };
}

/** The background's answer to a write, or null when it is not one. */
export function readWriteCookiesAnswer(answer: unknown): WriteCookiesAnswer | null {
  if (!isObject(answer)) return null;
  if (answer.ok === true) {
    const change = readWrittenChange(answer.change);
    return change ? { ok: true, change } : null;
  }
  return answer.ok === false && typeof answer.message === 'string' ? { ok: false, message: answer.message } : null;
}

/** The background's answer to an undo, or null when it is not one. */
export function readUndoWriteAnswer(answer: unknown): UndoWriteAnswer | null {
  if (!isObject(answer)) return null;
  if (answer.ok === true) return { ok: true };
  if (answer.ok !== false) return null;
  if (typeof answer.message === 'string') return { ok: false, message: answer.message };
  const conflict = readList(answer.conflict, readConflict);
  return conflict && conflict.length > 0 ? { ok: false, conflict } : null;
}

function readWrittenChange(value: unknown): WrittenChange | null {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.at !== 'number' || typeof value.label !== 'string' || !isTabId(value.tabId)) return null;
  const originals = readList(value.originals, readStoredCookie);
  const written = readList(value.written, readStoredCookie);
  if (!originals || !written || typeof value.reload !== 'boolean') return null;
  return { id: value.id, at: value.at, label: value.label, tabId: value.tabId, originals, written, reload: value.reload };
}

function readConflict(value: unknown): WriteConflict | null {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.written !== 'string') return null;
  if (value.current !== null && typeof value.current !== 'string') return null;
  return { name: value.name, written: value.written, current: value.current };
}

function readNameValue(value: unknown): { name: string; value: string } | null {
  return isObject(value) && typeof value.name === 'string' && typeof value.value === 'string' ? { name: value.name, value: value.value } : null;
}

const SAME_SITE: readonly string[] = ['no_restriction', 'lax', 'strict', 'unspecified'] satisfies NonNullable<CookieInput['sameSite']>[];

/**
 * A cookie with what a write needs to reach it again (where it lives: domain and path), keeping only the attributes
 * Session Lens knows, each of its own type: nothing else from a message reaches browser.cookies.
 */
function readStoredCookie(value: unknown): CookieInput | null {
  if (!isObject(value) || typeof value.name !== 'string' || typeof value.value !== 'string') return null;
  if (typeof value.domain !== 'string' || value.domain === '' || typeof value.path !== 'string' || !value.path.startsWith('/')) return null;
  const cookie: CookieInput = { name: value.name, value: value.value, domain: value.domain, path: value.path };
  for (const flag of ['hostOnly', 'httpOnly', 'secure', 'session'] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== 'boolean') return null;
    cookie[flag] = value[flag];
  }
  for (const text of ['storeId', 'firstPartyDomain'] as const) {
    if (value[text] === undefined) continue;
    if (typeof value[text] !== 'string') return null;
    cookie[text] = value[text];
  }
  if (value.expirationDate !== undefined) {
    if (typeof value.expirationDate !== 'number' || !Number.isFinite(value.expirationDate)) return null;
    cookie.expirationDate = value.expirationDate;
  }
  if (value.sameSite !== undefined) {
    if (typeof value.sameSite !== 'string' || !SAME_SITE.includes(value.sameSite)) return null;
    cookie.sameSite = value.sameSite as CookieInput['sameSite'];
  }
  if (value.partitionKey !== undefined) {
    const partitionKey = readPartitionKey(value.partitionKey);
    if (!partitionKey) return null;
    cookie.partitionKey = partitionKey;
  }
  return cookie;
}

function readPartitionKey(value: unknown): CookieInput['partitionKey'] | null {
  if (!isObject(value)) return null;
  if (value.topLevelSite !== undefined && typeof value.topLevelSite !== 'string') return null;
  if (value.hasCrossSiteAncestor !== undefined && typeof value.hasCrossSiteAncestor !== 'boolean') return null;
  return {
    ...(value.topLevelSite !== undefined ? { topLevelSite: value.topLevelSite } : {}),
    ...(value.hasCrossSiteAncestor !== undefined ? { hasCrossSiteAncestor: value.hasCrossSiteAncestor } : {}),
  };
}

/** Every item read, or null when one is not what it should be (or the value is no list). */
function readList<T>(value: unknown, read: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  for (const item of value) {
    const checked = read(item);
    if (checked === null) return null;
    items.push(checked);
  }
  return items;
}

function isTabId(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** A site is an origin, as readTabCookies names it (`https://example.com`). */
function isSite(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

function hasDuplicates(names: readonly string[]): boolean {
  return new Set(names).size !== names.length;
}

// ---------- the background's side ----------

/** One cookie to put in place: `after` (null: delete it), and `before` to put back if a later step fails. */
interface Step {
  /** Where the cookie lives (name, domain, path, store, partition). */
  at: CookieInput;
  after: CookieInput | null;
  before: CookieInput | null;
}

/**
 * Writes the new values with each original's attributes, deletes the chunks no longer needed, and records the change
 * for Undo; on any failure puts back what was already written. Reloads the tab when asked.
 */
export function writeCookies(request: WriteCookiesRequest): Promise<WriteCookiesAnswer> {
  return inTurn(async () => {
    const foreign = foreignCookie(request.originals, request.site);
    if (foreign) return { ok: false, message: `The cookie "${foreign.name}" belongs to ${foreign.domain}, not to ${new URL(request.site).hostname}: Session Lens writes only the site's own cookies.` };
    const targets = [
      ...request.cookies.map(({ name, value }) => ({ ...attributesFor(name, request.originals), name, value })),
      ...request.remove.map((name) => request.originals.find((original) => original.name === name)!),
    ];
    const steps = await Promise.all(targets.map(async (at, index) => ({ at, after: index < request.cookies.length ? at : null, before: await currentCookie(at) })));
    const applied = await applySteps(steps);
    if (!applied.ok) return applied;
    const change: WrittenChange = {
      id: crypto.randomUUID(),
      at: Math.floor(Date.now() / 1000),
      label: request.label,
      tabId: request.tabId,
      originals: steps.flatMap((step) => (step.before ? [step.before] : [])),
      written: applied.written,
      reload: request.reload,
    };
    try {
      await updateSiteChanges(request.site, (changes) => [change, ...changes].slice(0, MAX_CHANGES_PER_SITE));
    } catch (error) {
      const restored = await restore(steps);
      return { ok: false, message: `Session Lens could not keep this write for Undo (${reasonOf(error)}), so it did not make it. ${restored}` };
    }
    if (request.reload) await reloadTab(request.tabId);
    return { ok: true, change };
  });
}

/**
 * Puts every original back exactly and deletes the cookies the write added, unless the site changed a written cookie
 * since (then it answers the conflict, unless `force`). Drops the change from the undo list once done.
 */
export function undoWrite(request: UndoWriteRequest): Promise<UndoWriteAnswer> {
  return inTurn(async () => {
    const change = (await siteChanges(request.site)).find((entry) => entry.id === request.changeId);
    if (!change) return { ok: false, message: 'This write is no longer in the undo list: it was undone or dismissed already.' };
    const current = await Promise.all(change.written.map(currentCookie));
    const conflict = change.written.flatMap((written, index) => {
      const found = current[index];
      return found?.value === written.value ? [] : [{ name: written.name, written: written.value, current: found?.value ?? null }];
    });
    if (conflict.length > 0 && !request.force) return { ok: false, conflict };
    const now = Math.floor(Date.now() / 1000);
    const added = change.written.filter((written) => !change.originals.some((original) => sameCookie(original, written)));
    const steps = await Promise.all([
      // An original that has expired since would be gone by now anyway, and the browser refuses to set it.
      ...change.originals.map(async (original) => ({ at: original, after: hasExpired(original, now) ? null : original, before: await currentCookie(original) })),
      ...added.map(async (written) => ({ at: written, after: null, before: await currentCookie(written) })),
    ]);
    const applied = await applySteps(steps);
    if (!applied.ok) return applied;
    await updateSiteChanges(request.site, (changes) => changes.filter((entry) => entry.id !== change.id));
    if (change.reload) await reloadTab(request.tabId);
    return { ok: true };
  });
}

/** Drops a change from the undo list (the user keeps the cookies as they are). */
export function forgetWrite(request: ForgetWriteRequest): Promise<void> {
  return inTurn(() => updateSiteChanges(request.site, (changes) => changes.filter((entry) => entry.id !== request.changeId)));
}

/** Writes and undos one at a time: each reads cookies and the undo list, then changes them. */
let turn: Promise<unknown> = Promise.resolve();

function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const done = turn.then(work);
  turn = done.catch(() => undefined);
  return done;
}

async function siteChanges(site: string): Promise<WrittenChange[]> {
  const all = await writtenChangesStore.getValue();
  return Object.hasOwn(all, site) ? all[site]! : [];
}

async function updateSiteChanges(site: string, change: (changes: WrittenChange[]) => WrittenChange[]): Promise<void> {
  const all = { ...(await writtenChangesStore.getValue()) };
  const next = change(Object.hasOwn(all, site) ? all[site]! : []);
  if (next.length === 0) delete all[site];
  else all[site] = next;
  await writtenChangesStore.setValue(all);
}

/** The first original the site may not have (its domain does not apply to the site's host). */
function foreignCookie(originals: readonly CookieInput[], site: string): CookieInput | undefined {
  const host = new URL(site).hostname;
  return originals.find((original) => !domainApplies(original.domain!, host));
}

/** A name among the originals keeps its own attributes; a new name (a new companion or chunk) takes the first's. */
function attributesFor(name: string, originals: readonly CookieInput[]): CookieInput {
  return originals.find((original) => original.name === name) ?? originals[0]!;
}

/** Applies the steps in order; when one fails, puts back those already applied (last first). */
async function applySteps(steps: readonly Step[]): Promise<{ ok: true; written: CookieInput[] } | { ok: false; message: string }> {
  const written: CookieInput[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      const stored = await put(step.at, step.after);
      if (stored) written.push(stored);
    } catch (error) {
      const restored = await restore(steps.slice(0, index));
      const action = step.after ? 'write' : 'delete';
      return { ok: false, message: `The browser refused to ${action} the cookie "${step.at.name}" (${reasonOf(error)}). ${restored}` };
    }
  }
  return { ok: true, written };
}

/** Puts back what the steps replaced, last first; says in words whether everything is as it was. */
async function restore(steps: readonly Step[]): Promise<string> {
  const failed: string[] = [];
  for (const step of [...steps].reverse()) {
    try {
      await put(step.at, step.before);
    } catch {
      failed.push(`"${step.at.name}"`);
    }
  }
  return failed.length === 0 ? 'Nothing was changed.' : `Session Lens could not put back ${failed.join(', ')}: check the site's cookies.`;
}

/** Sets the cookie (the browser's copy of it is returned) or, for null, deletes the cookie that lives `at`. */
async function put(at: CookieInput, cookie: CookieInput | null): Promise<CookieInput | null> {
  noteOwnWrite(at.name, cookie?.value ?? null);
  if (!cookie) {
    await browser.cookies.remove({ url: cookieUrl(at), name: at.name, ...storeOf(at), ...partitionOf(at) });
    return null;
  }
  const stored = await browser.cookies.set(setDetails(cookie));
  // Chromium answers null (with no error) for a cookie it does not store.
  if (!stored) throw new Error('it did not store it');
  return toCookieInput(stored);
}

/** What browser.cookies.set needs to store the cookie with exactly its attributes. */
function setDetails(cookie: CookieInput): Browser.cookies.SetDetails {
  return {
    url: cookieUrl(cookie),
    name: cookie.name,
    value: cookie.value,
    path: cookie.path!,
    // Without a domain the browser makes a host-only cookie: giving one would widen it to every subdomain.
    ...(isHostOnly(cookie) ? {} : { domain: cookie.domain! }),
    ...(cookie.secure !== undefined ? { secure: cookie.secure } : {}),
    ...(cookie.httpOnly !== undefined ? { httpOnly: cookie.httpOnly } : {}),
    ...(cookie.sameSite !== undefined ? { sameSite: cookie.sameSite } : {}),
    // Without an expiry the cookie ends with the browser session, as the original did.
    ...(cookie.session || cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    ...storeOf(cookie),
    ...partitionOf(cookie),
  };
}

/** The URL the browser sets and deletes the cookie through: its scheme, its host, its path. */
function cookieUrl(cookie: CookieInput): string {
  return `${cookie.secure ? 'https' : 'http'}://${bareDomain(cookie)}${cookie.path}`;
}

function bareDomain(cookie: CookieInput): string {
  return cookie.domain!.replace(/^\./, '');
}

/** Browsers report it; a domain without a leading dot is a host-only cookie's (RFC 6265 domain matching). */
function isHostOnly(cookie: CookieInput): boolean {
  return cookie.hostOnly ?? !cookie.domain!.startsWith('.');
}

function storeOf(cookie: CookieInput): { storeId?: string } {
  return cookie.storeId !== undefined ? { storeId: cookie.storeId } : {};
}

/** The cookie's partition (CHIPS) and Firefox first party: only when it has them, as older browsers refuse the keys. */
function partitionOf(cookie: CookieInput): { partitionKey?: CookieInput['partitionKey']; firstPartyDomain?: string } {
  return {
    ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {}),
    ...(cookie.firstPartyDomain !== undefined ? { firstPartyDomain: cookie.firstPartyDomain } : {}),
  };
}

/** The cookie that lives where `at` does (same name, domain, path, store and partition), or null. */
async function currentCookie(at: CookieInput): Promise<CookieInput | null> {
  const found = await browser.cookies.getAll({ name: at.name, domain: bareDomain(at), path: at.path!, ...storeOf(at), ...partitionOf(at) } as Browser.cookies.GetAllDetails);
  return found.map(toCookieInput).find((cookie) => sameCookie(cookie, at)) ?? null;
}

/** Whether two cookies are the same cookie of the browser's (a write of one replaces the other). */
function sameCookie(a: CookieInput, b: CookieInput): boolean {
  return (
    a.name === b.name &&
    a.domain === b.domain &&
    a.path === b.path &&
    a.storeId === b.storeId &&
    a.partitionKey?.topLevelSite === b.partitionKey?.topLevelSite &&
    (a.firstPartyDomain ?? '') === (b.firstPartyDomain ?? '')
  );
}

function hasExpired(cookie: CookieInput, now: number): boolean {
  return !cookie.session && cookie.expirationDate !== undefined && cookie.expirationDate <= now;
}

/** After a write the site should see it at once; a tab closed meanwhile has nothing to reload. */
async function reloadTab(tabId: number): Promise<void> {
  await browser.tabs.reload(tabId).catch(() => undefined);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
