// Launches the real Chromium with the built extension and reaches its real popup, devtools panel and permission
// prompt. Shared by the end-to-end tests and the benchmarks (scripts/bench-popup.mjs, scripts/bench-scan.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { BrowserCdp, sleep, type RemotePage, type TargetInfo } from './cdp';
import { NATIVE_UI_FLAGS, NativeUi } from './native-ui';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** What `wxt build` writes for Chromium (MV3). */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Why the real Chromium cannot run here, or null when it can. */
export function chromiumUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is missing (apt-get install chromium)`;
  const probe = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) return `${CHROMIUM_PATH} --version failed: ${probe.error?.message ?? probe.stderr.trim()}`;
  return null;
}

/** The flags the notes verified for loading an unpacked extension headless, plus what the test reaches through. */
export function chromiumArgs(extensionDir: string, { devtools = false, nativeUi = false, alongside = [] as readonly string[] } = {}): string[] {
  const extensions = [extensionDir, ...alongside].join(',');
  return [
    `--disable-extensions-except=${extensions}`,
    `--load-extension=${extensions}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--window-size=1280,900',
    // Extensions.triggerAction (the real popup) over CDP, and a WebSocket for the raw CDP client beside Playwright's pipe.
    '--enable-unsafe-extension-debugging',
    '--remote-debugging-port=0',
    ...(devtools ? ['--auto-open-devtools-for-tabs'] : []),
    ...(nativeUi ? NATIVE_UI_FLAGS : []),
  ];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  cdp: BrowserCdp;
  /** Present when launched with `nativeUi`. */
  nativeUi?: NativeUi;
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  /** Open devtools for every tab (the Session panel lives there). */
  devtools?: boolean;
  /** Connect to Chromium's UI DevTools to press buttons in native dialogs. */
  nativeUi?: boolean;
  /** More unpacked extensions to load beside it, without a service worker (the popup benchmark's reference). */
  alongside?: readonly string[];
}

/** A fresh profile, Chromium with the unpacked extension, and the raw CDP connection recording extension traffic. */
export async function launchWithExtension({ extensionDir = EXTENSION_DIR, devtools = false, nativeUi = false, alongside = [] }: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json: run npm run build`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'session-lens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: null,
    args: chromiumArgs(extensionDir, { devtools, nativeUi, alongside }),
  });
  try {
    const cdp = await BrowserCdp.connect(userDataDir);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const native = nativeUi ? await NativeUi.connect(userDataDir) : undefined;
    return {
      context,
      cdp,
      ...(native ? { nativeUi: native } : {}),
      extensionId,
      userDataDir,
      async close() {
        native?.close();
        cdp.close();
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The CDP target id of the tab showing `url` (prefix match). */
export async function tabTargetId(browser: ExtensionBrowser, urlPrefix: string): Promise<string> {
  const { targetInfos } = await browser.cdp.client.send<{ targetInfos: TargetInfo[] }>('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((target) => target.url.startsWith(urlPrefix));
  if (!tab) throw new Error(`No tab shows ${urlPrefix}: ${targetInfos.map((target) => target.url).join(', ')}`);
  return tab.targetId;
}

/**
 * Clicks the extension's toolbar button for the tab (CDP Extensions.triggerAction, as a user would) and returns the
 * real popup it opens, attached to that tab, once its page has loaded. Like any popup it closes when the browser
 * window takes focus: with --auto-open-devtools-for-tabs, open the devtools panel first (the devtools window takes
 * focus once it has loaded).
 */
export async function openPopup(browser: ExtensionBrowser, tabUrlPrefix: string): Promise<RemotePage> {
  const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
  const isPopup = (target: TargetInfo) => target.type === 'page' && target.url === popupUrl;
  // A popup still open (the action would toggle it) is closed first, and only a new one is returned.
  const before = new Set([...browser.cdp.sessions.values()].filter(isPopup));
  for (const open of before) await browser.cdp.client.send('Target.closeTarget', { targetId: open.targetId }).catch(() => undefined);
  for (let waited = 0; browser.cdp.hasSession(isPopup) && waited < 5_000; waited += 50) await sleep(50);
  await browser.cdp.client.send('Extensions.triggerAction', { id: browser.extensionId, targetId: await tabTargetId(browser, tabUrlPrefix) });
  const popup = await browser.cdp.waitForSession((target) => isPopup(target) && !before.has(target), 'popup');
  await popup.waitFor('the popup to load', () => document.readyState === 'complete' && document.querySelector('.sl-app') !== null, []);
  return popup;
}

/**
 * Whether the extension (Session Lens, or another build loaded beside it) holds host access for `origin` (asked of
 * its service worker, as the extension would).
 */
export async function extensionCanRead(browser: ExtensionBrowser, origin: string, extensionId = browser.extensionId): Promise<boolean> {
  const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('The extension has no running service worker');
  return worker.evaluate((pattern) => (globalThis as any).chrome.permissions.contains({ origins: [pattern] }), `${origin}/*`);
}

/**
 * Site access for the tab's site given the way a user gives it, for the benchmarks: the popup's Allow, then Allow in
 * Chromium's own prompt (needs `nativeUi`); the popup is closed after. `extensionId`: another build loaded beside.
 */
export async function grantSiteAccess(browser: ExtensionBrowser, url: string, extensionId = browser.extensionId): Promise<void> {
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  await browser.cdp.client.send('Extensions.triggerAction', { id: extensionId, targetId: await tabTargetId(browser, url) });
  const popup = await browser.cdp.waitForSession((target) => target.url === popupUrl, 'popup');
  await popup.click('the Allow button', () => [...document.querySelectorAll('button')].find((button) => button.textContent?.startsWith('Allow Session Lens')));
  await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
  for (let waited = 0; !(await extensionCanRead(browser, new URL(url).origin, extensionId)); waited += 100) {
    if (waited > 10_000) throw new Error('site access was not granted');
    await sleep(100);
  }
  await browser.cdp.client.send('Target.closeTarget', { targetId: popup.target.targetId }).catch(() => undefined);
}

/**
 * Shows the extension's "Session" panel in the tab's devtools (auto-opened by --auto-open-devtools-for-tabs) and
 * returns the panel's frame once it has loaded. Returns the devtools frontend too (for screenshots of the panel).
 */
export async function openDevtoolsPanel(browser: ExtensionBrowser): Promise<{ devtools: RemotePage; panel: RemotePage }> {
  const devtools = await browser.cdp.waitForSession((target) => target.url.startsWith('devtools://devtools/bundled/devtools_app.html'), 'devtools frontend');
  const panelId = `chrome-extension://${browser.extensionId}Session`;
  // The extension's devtools page registers the panel asynchronously: wait for it, then select it as a click on its tab would.
  await devtools.waitForExpression(
    'the Session panel to be registered',
    `import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().tabbedPane.hasTab(${JSON.stringify(panelId)}))`,
  );
  await devtools.evaluateExpression(`import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)})).then(() => true)`);
  const panelUrl = `chrome-extension://${browser.extensionId}/devtools-panel.html`;
  const panel = await browser.cdp.waitForSession((target) => target.type === 'iframe' && target.url === panelUrl, 'devtools panel');
  await panel.waitFor('the panel to load', () => document.readyState === 'complete' && document.querySelector('.sl-app') !== null, []);
  return { devtools, panel };
}
