import { useCallback } from 'react';
import { browser } from 'wxt/browser';
import {
  readUndoWriteAnswer,
  readWriteCookiesAnswer,
  writtenChangesStore,
  type ForgetWriteRequest,
  type UndoWriteAnswer,
  type UndoWriteRequest,
  type WriteCookiesAnswer,
  type WriteCookiesRequest,
  type WrittenChange,
} from '../lib/browser/cookie-write';
import { useStoredValue } from './useSiteSettings';

/** A write as a page asks for it: the hook names the tab and the site. */
export type WriteRequest = Omit<WriteCookiesRequest, 'type' | 'tabId' | 'site'>;

export interface WrittenChangesControls {
  /** The site's writes that can still be undone, newest first. */
  changes: readonly WrittenChange[];
  write(request: WriteRequest): Promise<WriteCookiesAnswer>;
  undo(changeId: string, force: boolean): Promise<UndoWriteAnswer>;
  /** Drops a write from the undo list, leaving the cookies as they are. */
  forget(changeId: string): Promise<void>;
}

const NO_SITES: Record<string, WrittenChange[]> = {};
const NO_CHANGES: readonly WrittenChange[] = [];
const NO_TAB = 'Session Lens does not know which tab to write to yet: wait until the cookies show, then try again.';
const NO_ANSWER = 'Session Lens\'s background did not answer: close and reopen Session Lens, then try again.';

/**
 * One site's undo list, live (a write from the panel shows in the popup), and the background's write, undo and
 * forget: the page asks, because Firefox's devtools panel has no browser.cookies.
 */
export function useWrittenChanges(site: string | null, tabId: number | null): WrittenChangesControls {
  const all = useStoredValue(writtenChangesStore, NO_SITES);
  const changes = site && all && Object.hasOwn(all, site) ? all[site]! : NO_CHANGES;
  const write = useCallback(
    async (request: WriteRequest): Promise<WriteCookiesAnswer> => {
      if (site === null || tabId === null) return { ok: false, message: NO_TAB };
      const message: WriteCookiesRequest = { type: 'write-cookies', tabId, site, ...request };
      return readWriteCookiesAnswer(await ask(message)) ?? { ok: false, message: NO_ANSWER };
    },
    [site, tabId],
  );
  const undo = useCallback(
    async (changeId: string, force: boolean): Promise<UndoWriteAnswer> => {
      if (site === null || tabId === null) return { ok: false, message: NO_TAB };
      const message: UndoWriteRequest = { type: 'undo-write', tabId, site, changeId, force };
      return readUndoWriteAnswer(await ask(message)) ?? { ok: false, message: NO_ANSWER };
    },
    [site, tabId],
  );
  const forget = useCallback(
    async (changeId: string): Promise<void> => {
      if (site !== null) await ask({ type: 'forget-write', site, changeId } satisfies ForgetWriteRequest);
    },
    [site],
  );
  return { changes, write, undo, forget };
}

/** The background's answer, or undefined when there is none (it was stopped mid-way, or no listener answered). */
async function ask(message: WriteCookiesRequest | UndoWriteRequest | ForgetWriteRequest): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch {
    return undefined;
  }
}
