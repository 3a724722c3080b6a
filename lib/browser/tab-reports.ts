// The background decodes each tab's cookies with the site's saved settings and sends the reports with the cookies:
// a page then shows them at once, with no decode worker to start, and the answers of the known-key check are kept
// for the next open (storage.session) although the background is stopped when idle.
import { storage } from 'wxt/utils/storage';
import { answerDecode, type DecodedJar } from '../decode/request';
import { keepKnownKeyAnswers, keptKnownKeyAnswers } from '../known-keys/check';
import type { CookieInput } from '../types';
import { memorySecretsStore, siteDecodeOptions, siteSettingsStore } from './site-settings';
import type { TabCookies } from './tab-channel';

/** Hashes of what was checked and which known key passed: no secret a user saved and nothing of the cookies. */
const knownKeyAnswersStore = storage.defineItem<unknown>('session:knownKeyAnswers', { fallback: [] });

let answersRestored: Promise<void> | undefined;
let newestStoredAnswer: string | undefined;

/** Decodes the tab's cookies and posts the reports (or why there are none); see answerDecode. */
export function decodeTabCookies(tab: Extract<TabCookies, { kind: 'cookies' }>, post: (decoded: DecodedJar) => void): Promise<void> {
  return decodeForSite(tab.site, tab.cookies, post);
}

/** Decodes cookies (or tokens found elsewhere on the site's pages) with the site's saved settings; see answerDecode. */
export async function decodeForSite(site: string, cookies: readonly CookieInput[], post: (decoded: DecodedJar) => void): Promise<void> {
  answersRestored ??= knownKeyAnswersStore.getValue().then(keepKnownKeyAnswers, () => undefined);
  const [options] = await Promise.all([siteDecodeOptions(site), answersRestored]);
  await answerDecode(cookies, options, post);
  await storeNewKnownKeyAnswers();
}

async function storeNewKnownKeyAnswers(): Promise<void> {
  const answers = keptKnownKeyAnswers();
  const newest = answers.at(-1)?.[0];
  if (newest === newestStoredAnswer) return;
  newestStoredAnswer = newest;
  await knownKeyAnswersStore.setValue(answers).catch(() => undefined);
}

/** Calls `changed` whenever the saved settings change how some site's cookies decode. */
export function watchDecodeSettings(changed: () => void): void {
  siteSettingsStore.watch(changed);
  memorySecretsStore.watch(changed);
}
