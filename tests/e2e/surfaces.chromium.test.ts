// Every surface of the built extension in the real Chromium, on the demo site's real sessions (a publicly known key,
// an expired JWT, sessions to verify): the popup's summary, the devtools panel page at the sizes of devtools docked
// at the bottom (1200×300) and at the side (500×900), the side panel (as a page, and the real one the popup opens)
// and the options page. Each is checked with
// axe-core for WCAG 2.1 A/AA in the light and the dark theme, fits its width without scrolling sideways, and is
// screenshotted for the README (`npm run screenshots` writes docs/screenshots/).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without type declarations
import { startDemoSite } from '../../scripts/demo-site.mjs';
import type { RemotePage } from './cdp';
import { chromiumUnavailableReason, extensionCanRead, launchWithExtension, openPopup, type ExtensionBrowser } from './chromium-harness';

/** The demo's Flask secret: it verifies the Flask session and the Flask-Login token, the other sessions stay as they are. */
const FLASK_SECRET = 's3cr3t-flask-key';
const SCREENSHOTS = resolve(process.env.SESSION_LENS_SCREENSHOTS ?? resolve(import.meta.dirname, '../../test-results/screenshots'));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 levels A and AA (axe tags each rule with the levels it checks). */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const THEMES = ['light', 'dark'] as const;

const unavailable = chromiumUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Chromium end-to-end test, but ${unavailable}`);

/** Runs in the page (axe injected): each WCAG 2.1 A/AA violation as "rule: what, at which elements". */
async function axeViolations(tags: string[]): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
  const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  return violations.map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Runs in the page: how far its content reaches past the viewport's width (0: no sideways scrolling). */
function sidewaysOverflow(): number {
  return document.documentElement.scrollWidth - document.documentElement.clientWidth;
}

/** The lines of the popup's summary, in order: severity and cookie name. */
function summaryLines(): { severity: string; name: string; expanded: string | null }[] {
  return [...document.querySelectorAll('.sl-summary-toggle')].map((toggle) => ({
    severity: toggle.querySelector('[data-severity]')?.getAttribute('data-severity') ?? '',
    name: toggle.querySelector('.sl-line-name')?.textContent ?? '',
    expanded: toggle.getAttribute('aria-expanded'),
  }));
}

const SEVERITY_ORDER = ['forgeable', 'invalid', 'expired', 'unverified', 'unsigned', 'valid'];

/** An extension page opened in a tab of its own at a given size, reached through Playwright and its CDP session. */
interface SurfacePage {
  page: Page;
  cdp: CDPSession;
}

describe.skipIf(unavailable !== null)(`Session Lens's surfaces, accessible and fitting their size, in real Chromium${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let site: { url: string; close(): Promise<void> };
  let origin: string;
  let browser: ExtensionBrowser;
  let tab: Page;
  let tabId: number;
  let popup: RemotePage;

  beforeAll(async () => {
    site = await startDemoSite();
    origin = new URL(site.url).origin;
    browser = await launchWithExtension({ nativeUi: true });
    tab = browser.context.pages()[0] ?? (await browser.context.newPage());
    await tab.goto(site.url);
    // The demo's tab is the only one, so the active one (the browser hides its URL until the site is granted).
    tabId = await serviceWorker().evaluate(() => (globalThis as any).chrome.tabs.query({ active: true }).then((tabs: { id: number }[]) => tabs[0]!.id));
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  function serviceWorker() {
    const worker = browser.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${browser.extensionId}/`));
    if (!worker) throw new Error('The extension has no running service worker');
    return worker;
  }

  /** Opens `path` of the extension in a new tab of `width`×`height`, once its Session Lens page has rendered. */
  async function openSurface(path: string, width: number, height: number, ready: string): Promise<SurfacePage> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    await page.locator(ready).first().waitFor();
    return { page, cdp: await browser.context.newCDPSession(page) };
  }

  /** axe's WCAG 2.1 A/AA violations of a surface in the light and the dark theme (CDP evaluation is not bound by the page's CSP). */
  async function violationsInBothThemes({ page, cdp }: SurfacePage): Promise<Record<string, string[]>> {
    await cdp.send('Runtime.evaluate', { expression: `${AXE_SOURCE}\n;true` });
    const found: Record<string, string[]> = {};
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      found[colorScheme] = await page.evaluate(axeViolations, WCAG_21_AA);
    }
    return found;
  }

  async function screenshotBothThemes(name: string, { page }: SurfacePage): Promise<void> {
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      const png = await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`) });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
  }

  it('is given the demo site as a user gives it: the popup\'s Allow, then Allow in Chromium\'s own prompt', async () => {
    popup = await openPopup(browser, origin);
    const allow = `Allow Session Lens to read cookies on ${new URL(site.url).host}`;
    await popup.click('the Allow button', (label) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === label), allow);
    await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
    await expect.poll(() => extensionCanRead(browser, origin), { timeout: 10_000 }).toBe(true);
  });

  it('popup: one line per session, most severe first, the publicly known key on top; a line opens its card from the keyboard, with visible focus', async () => {
    popup = await openPopup(browser, origin);
    const lines = await popup.waitFor('the summary lines', () => (document.querySelectorAll('.sl-summary-toggle').length >= 5 ? true : null), []).then(() => popup.evaluate(summaryLines));
    expect(lines[0]).toEqual({ severity: 'forgeable', name: 'flaskr_session', expanded: 'false' });
    const ranks = lines.map((line) => SEVERITY_ORDER.indexOf(line.severity));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(lines.map((line) => line.severity)).toContain('expired');

    // Tab from the top of the page to the first line, Enter opens its card: the keyboard alone, focus drawn.
    for (let presses = 0; presses < 10 && !(await popup.evaluate(() => document.activeElement === document.querySelector('.sl-summary-toggle'))); presses++) {
      await popup.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
      await popup.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
    }
    expect(await popup.evaluate(() => document.activeElement?.className)).toBe('sl-summary-toggle');
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await popup.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
    await popup.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    await popup.waitFor('the first line to open its card', () => {
      const line = document.querySelector('.sl-summary-toggle');
      return line?.getAttribute('aria-expanded') === 'true' && document.getElementById(line.getAttribute('aria-controls')!)?.querySelector('article') !== null;
    }, []);
  });

  it('popup: the header\'s buttons are where they were before the host came (it comes with the cookies, after the first paint)', async () => {
    const buttonsMoved = await popup.evaluate(() => {
      const places = () => JSON.stringify([...document.querySelectorAll('.sl-header-actions button')].map((button) => [button.getBoundingClientRect().left, button.getBoundingClientRect().top]));
      const host = document.querySelector<HTMLElement>('.sl-host')!;
      const withHost = places();
      host.hidden = true;
      const withoutHost = places();
      host.hidden = false;
      return withHost === withoutHost ? null : { withHost, withoutHost };
    });
    expect(buttonsMoved).toBeNull();
  });

  it('popup: the site\'s one secret form verifies the sessions it is the key of', async () => {
    expect(await popup.evaluate(() => document.querySelectorAll('.sl-secret-form').length)).toBe(1);
    await popup.click('the site\'s "Add secret key" field', () => [...document.querySelectorAll<HTMLLabelElement>('.sl-site-secrets label')].find((label) => label.textContent === 'Add secret key')?.control);
    await popup.type(FLASK_SECRET);
    await popup.click('the Add button', () => [...document.querySelectorAll('.sl-site-secrets button')].find((button) => button.textContent?.trim() === 'Add'));
    const lines = await popup.waitFor('Flask\'s sessions to verify', () => {
      const valid = [...document.querySelectorAll('.sl-summary-toggle')].filter((toggle) => toggle.querySelector('[data-severity="valid"]'));
      return valid.length >= 2 ? valid.map((toggle) => toggle.querySelector('.sl-line-name')?.textContent) : null;
    }, []);
    expect(lines).toEqual(expect.arrayContaining(['session', 'remember_token']));
  });

  it('popup: no WCAG 2.1 A/AA violation (axe-core) with every card open, light and dark; nothing scrolls sideways', async () => {
    await popup.evaluate(() => {
      for (const toggle of document.querySelectorAll<HTMLButtonElement>('.sl-summary-toggle[aria-expanded="false"]')) toggle.click();
    });
    await popup.waitFor('every card open', () => document.querySelectorAll('.sl-summary-card[hidden]').length === 0, []);
    await popup.evaluateExpression(`${AXE_SOURCE}\n;true`);
    for (const scheme of THEMES) {
      await popup.emulateColorScheme(scheme);
      expect(await popup.evaluate(axeViolations, WCAG_21_AA), scheme).toEqual([]);
      expect(await popup.evaluate(sidewaysOverflow), scheme).toBe(0);
    }
    await popup.send('Emulation.setEmulatedMedia', { features: [] });
  });

  it('popup: screenshots of the summary, the most severe session open', async () => {
    await popup.evaluate(() => {
      for (const toggle of [...document.querySelectorAll<HTMLButtonElement>('.sl-summary-toggle')].slice(1)) toggle.click();
      window.scrollTo(0, 0);
    });
    for (const scheme of THEMES) {
      await popup.emulateColorScheme(scheme);
      const png = await popup.screenshot(join(SCREENSHOTS, `popup-${scheme}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    await popup.send('Emulation.setEmulatedMedia', { features: [] });
  });

  for (const [docking, width, height] of [
    ['bottom', 1200, 300],
    ['side', 500, 900],
  ] as const) {
    it(`devtools panel docked at the ${docking} (${width}×${height}): ${docking === 'bottom' ? 'the sessions listed left of the selected one\'s card' : 'the list stacked above the card'}, arrows select, nothing scrolls sideways, no axe violation light or dark`, async () => {
      const surface = await openSurface(`devtools-panel.html?tabId=${tabId}`, width, height, '[role="option"]');
      const { page } = surface;
      const list = (await page.getByRole('listbox', { name: 'Sessions' }).boundingBox())!;
      const detail = (await page.locator('.sl-detail').boundingBox())!;
      if (docking === 'bottom') {
        expect(detail.x).toBeGreaterThanOrEqual(list.x + list.width);
        expect(detail.y).toBe(list.y);
      } else {
        expect(detail.y).toBeGreaterThanOrEqual(list.y + list.height);
        expect(detail.x).toBe(list.x);
      }
      const options = page.getByRole('option');
      await expect.poll(() => options.first().getAttribute('aria-selected')).toBe('true');
      await options.first().focus();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await options.nth(1).evaluate((option) => option === document.activeElement)).toBe(true);
      expect(await page.locator('.sl-detail article h3').textContent()).toBe(await options.nth(1).locator('.sl-line-name').textContent());
      await page.keyboard.press('Home');

      expect(await page.evaluate(sidewaysOverflow)).toBe(0);
      expect(await violationsInBothThemes(surface)).toEqual({ light: [], dark: [] });
      await screenshotBothThemes(`panel-${docking}`, surface);
      await page.close();
    });
  }

  it('side panel (sidepanel.html for the demo tab, 400×900): the summary, nothing scrolls sideways, no axe violation light or dark', async () => {
    const surface = await openSurface(`sidepanel.html?tabId=${tabId}`, 400, 900, '.sl-summary-toggle');
    const { page } = surface;
    expect(await page.evaluate(sidewaysOverflow)).toBe(0);
    expect(await violationsInBothThemes(surface)).toEqual({ light: [], dark: [] });
    await page.getByRole('button', { expanded: false }).first().click();
    await screenshotBothThemes('sidepanel', surface);
    await page.close();
  });

  it('options page (800×600): the saved secret listed, nothing scrolls sideways, no axe violation light or dark', async () => {
    const surface = await openSurface('options.html', 800, 600, '.sl-saved-secret');
    const { page } = surface;
    expect(await page.evaluate(sidewaysOverflow)).toBe(0);
    expect(await violationsInBothThemes(surface)).toEqual({ light: [], dark: [] });
    await screenshotBothThemes('options', surface);
    await page.close();
  });

  it('respects prefers-reduced-motion: the busy spinner turns only when motion is welcome', async () => {
    const surface = await openSurface('options.html', 800, 600, '.sl-saved-secret');
    const { page } = surface;
    const spin = () => {
      const spinner = Object.assign(document.createElement('span'), { className: 'sl-spinner' });
      document.querySelector('.sl-app')!.append(spinner);
      const name = getComputedStyle(spinner).animationName;
      spinner.remove();
      return name;
    };
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await page.evaluate(spin)).toBe('sl-spin');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await page.evaluate(spin)).toBe('none');
    await page.close();
  });

  it('the real side panel: the popup\'s Side panel button opens it beside the demo tab, where it shows the tab\'s sessions and follows the active tab', async () => {
    await tab.bringToFront();
    popup = await openPopup(browser, origin);
    // Clicked as a user would, on the popup showing the tab's sessions: not while it is still reading them.
    await popup.waitFor('the popup to show the demo\'s sessions', () => document.querySelectorAll('.sl-summary-toggle').length >= 5, []);
    await popup.click('the popup\'s Side panel button', () => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Side panel'));
    const sidePanel = await browser.cdp.waitForSession((target) => target.type === 'page' && target.url === `chrome-extension://${browser.extensionId}/sidepanel.html`, 'the side panel');
    const shown = () =>
      sidePanel.evaluate(() => ({
        host: document.querySelector('.sl-host')?.textContent ?? '',
        lines: document.querySelectorAll('.sl-summary-toggle').length,
        text: document.querySelector('.sl-main')?.textContent ?? '',
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
    const demoHost = new URL(origin).host;
    await expect.poll(() => shown().then((now) => now.host === demoHost && now.lines >= 5), { timeout: 10_000 }).toBe(true);
    expect((await shown()).sideways).toBe(0);

    // Another tab made active: the side panel shows that one (a site not granted: the browser hides its address, and the
    // side panel says what that can mean), then the demo's again.
    const other = await browser.context.newPage();
    const otherOrigin = origin.replace('127.0.0.1', 'localhost');
    await other.goto(otherOrigin);
    await other.bringToFront();
    await expect.poll(() => shown().then((now) => now.lines === 0 && now.text.includes('a site you have not allowed Session Lens to read')), { timeout: 10_000 }).toBe(true);
    await tab.bringToFront();
    await expect.poll(() => shown().then((now) => now.host === demoHost && now.lines >= 5), { timeout: 10_000 }).toBe(true);
    await other.close();
  });
});
