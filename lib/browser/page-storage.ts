// Reading a tab's localStorage and sessionStorage for the pages (popup, devtools panel), through the background:
// Firefox's devtools panel has no scripting API. What comes back from the tab is checked before it is used.
import { browser } from 'wxt/browser';
import { isObject } from '../codec/json';
import { STORAGE_LIMITS, type StorageArea, type StorageEntry } from '../decode/page-tokens';

/** The tab's top frame's storage, with its origin (the storage belongs to it), or why it could not be read. */
export type PageStorage = { kind: 'storage'; origin: string; entries: StorageEntry[] } | { kind: 'error'; message: string };

/** Page -> background: read this tab's storage (the answer is the PageStorage). */
export interface ReadPageStorageRequest {
  type: 'read-page-storage';
  tabId: number;
}

/** The message as a ReadPageStorageRequest, or null when it is not one. */
export function readPageStorageRequest(message: unknown): ReadPageStorageRequest | null {
  return isObject(message) && message.type === 'read-page-storage' && Number.isInteger(message.tabId) ? { type: 'read-page-storage', tabId: message.tabId as number } : null;
}

/**
 * Reads the storage of the tab's top frame with `scripting.executeScript`, which the site's host permission allows:
 * in the page's own storage partition (container, private window, third-party partition), in the extension's
 * isolated world, so the page's scripts cannot change what `localStorage` returns. The function only reads.
 */
export async function readPageStorage(tabId: number): Promise<PageStorage> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: readStorageInPage, args: [STORAGE_LIMITS.entries, STORAGE_LIMITS.valueChars] });
    return readPageStorageAnswer(frame?.result);
  } catch (error) {
    return { kind: 'error', message: `The browser did not let Session Lens read this page's storage (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/**
 * Runs in the page (serialized by the browser: it uses nothing from outside). Keys and values as plain strings,
 * at most `maxEntries`, keys or values longer than `maxChars` left out; a storage the page may not use (sandboxed frame,
 * storage blocked) gives none.
 */
function readStorageInPage(maxEntries: number, maxChars: number): { origin: string; entries: { area: string; key: string; value: string }[] } {
  const entries: { area: string; key: string; value: string }[] = [];
  const areas: [string, () => Storage][] = [
    ['localStorage', () => localStorage],
    ['sessionStorage', () => sessionStorage],
  ];
  for (const [area, open] of areas) {
    try {
      const storage = open();
      for (let index = 0; index < storage.length && entries.length < maxEntries; index++) {
        const key = storage.key(index);
        const value = key === null ? null : storage.getItem(key);
        if (key !== null && value !== null && key.length <= maxChars && value.length <= maxChars) entries.push({ area, key, value });
      }
    } catch {
      // This area is not available to the page: nothing to read.
    }
  }
  return { origin: location.origin, entries };
}

const AREAS: readonly StorageArea[] = ['localStorage', 'sessionStorage'];

/** An answer (from the background, or the page's script result) as a PageStorage; anything else is an error. */
export function readPageStorageAnswer(answer: unknown): PageStorage {
  if (isObject(answer) && answer.kind === 'error' && typeof answer.message === 'string') return { kind: 'error', message: answer.message };
  const origin = isObject(answer) ? answer.origin : undefined;
  const entries = isObject(answer) ? answer.entries : undefined;
  if (typeof origin !== 'string' || !Array.isArray(entries)) return { kind: 'error', message: 'The page gave no readable storage.' };
  const checked = entries.filter(isStorageEntry).slice(0, STORAGE_LIMITS.entries);
  return { kind: 'storage', origin, entries: checked.map(({ area, key, value }) => ({ area, key, value })) };
}

function isStorageEntry(entry: unknown): entry is StorageEntry {
  return (
    isObject(entry) &&
    AREAS.includes(entry.area as StorageArea) &&
    typeof entry.key === 'string' &&
    typeof entry.value === 'string' &&
    entry.key.length <= STORAGE_LIMITS.valueChars &&
    entry.value.length <= STORAGE_LIMITS.valueChars
  );
}
