// Firefox with the built add-on installed, as every Firefox e2e file starts: the build (made first unless the run tests
// prebuilt builds), then Firefox with the add-on's internal UUID fixed per run, the add-on installed as a temporary
// add-on (as users load it from about:debugging), and the UI helper attached.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchFirefox, type BiDiSession, type RunningFirefox } from './firefox-bidi';
import { FirefoxUi } from './firefox-ui';
import { prebuilt } from './global-setup';

const ROOT = join(import.meta.dirname, '../..');
/** What `npm run build:firefox` makes. */
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');

export interface FirefoxManifest {
  manifest_version: number;
  permissions?: string[];
  optional_host_permissions?: string[];
  host_permissions?: string[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[] } } };
}

/** The Firefox build's manifest, built first unless the run tests the prebuilt builds. */
export async function firefoxBuild(): Promise<FirefoxManifest> {
  // NODE_ENV: Vitest sets it to "test", and Vite would then bundle React's development build.
  if (!prebuilt()) await promisify(execFile)(join(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } });
  return JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as FirefoxManifest;
}

export interface FirefoxWithExtension {
  firefox: RunningFirefox;
  bidi: BiDiSession;
  ui: FirefoxUi;
  /** The browsing context of the window's first tab. */
  tab: string;
}

/** Firefox with the built add-on installed; `allowPrivateBrowsing` as a user allows it in private windows. */
export async function launchFirefoxWithExtension(manifest: FirefoxManifest, { allowPrivateBrowsing = false } = {}): Promise<FirefoxWithExtension> {
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error('The Firefox build has no gecko id');
  const firefox = await launchFirefox({ prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [id]: randomUUID() }) } });
  try {
    const { bidi } = firefox;
    const installed = await bidi.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR },
      ...(allowPrivateBrowsing ? { 'moz:allowPrivateBrowsing': true } : {}),
    });
    if (installed.extension !== id) throw new Error(`Firefox installed ${installed.extension}, not ${id}`);
    const ui = await FirefoxUi.attach(bidi, id);
    const tree = await bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    return { firefox, bidi, ui, tab: tree.contexts[0]!.context };
  } catch (error) {
    await firefox.close();
    throw error;
  }
}

/** A tab's page as the app shows it. */
export interface TabPage {
  path: string;
  text: string;
}

/** The tab's page once `check` holds (the app answered); fails after 10 s with what it showed last. */
export async function waitForTabPage(bidi: BiDiSession, tab: string, what: string, check: (page: TabPage) => boolean): Promise<TabPage> {
  const deadline = Date.now() + 10_000;
  let last: TabPage = { path: '', text: '' };
  for (;;) {
    last = await bidi.call<[string, string]>(tab, '() => [location.pathname, document.body.innerText]').then(([path, text]) => ({ path, text }), () => ({ path: '', text: '' }));
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the tab showed ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
