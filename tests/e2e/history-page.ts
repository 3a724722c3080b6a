// The history as a Session Lens page shows it, read the same way by the Chromium and the Firefox history e2e.
import { sleep } from './cdp';

export interface HistoryEntry {
  /** The group's accessible name: "History of session". */
  cookie: string;
  kind: string;
  text: string;
}

/** Runs in the page: its history entries, newest first. */
export function readHistory(): HistoryEntry[] {
  return [...document.querySelectorAll('.sl-history-entry')].map((entry) => ({
    cookie: entry.closest('.sl-history-cookie')?.getAttribute('aria-label') ?? '',
    kind: entry.getAttribute('data-kind') ?? '',
    text: entry.textContent ?? '',
  }));
}

/** Reads the history until `check` holds; fails after 15 s with what it showed last. */
export async function waitForHistory(read: () => Promise<HistoryEntry[]>, what: string, check: (entries: HistoryEntry[]) => boolean): Promise<HistoryEntry[]> {
  const deadline = Date.now() + 15_000;
  let last: HistoryEntry[] = [];
  while (Date.now() < deadline) {
    last = await read().catch(() => []);
    if (check(last)) return last;
    await sleep(50);
  }
  throw new Error(`Timed out waiting for ${what}; the history showed: ${JSON.stringify(last, null, 2)}`);
}
