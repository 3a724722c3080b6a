// The devtools panel in a real devtools window, docked at the bottom and at the side of the inspected tab in the
// real Chromium, on the demo site's sessions: docked at the bottom (wide and short) it lists the sessions left of the
// selected one's card; docked at the side (narrow and tall) it stacks them; neither scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without type declarations
import { startDemoSite } from '../../scripts/demo-site.mjs';
import type { RemotePage } from './cdp';
import { chromiumUnavailableReason, launchWithExtension, openDevtoolsPanel, openPopup, type ExtensionBrowser } from './chromium-harness';

const unavailable = chromiumUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`CI must run the Chromium end-to-end test, but ${unavailable}`);

/** Runs in the panel: its size, where the session list and the selected card are, and how far it scrolls sideways. */
function panelLayout() {
  const box = (selector: string) => {
    const rect = document.querySelector(selector)?.getBoundingClientRect();
    return rect && rect.width > 0 ? { x: Math.round(rect.x), y: Math.round(rect.y), right: Math.round(rect.right), bottom: Math.round(rect.bottom) } : null;
  };
  return {
    width: innerWidth,
    height: innerHeight,
    list: box('[role="listbox"]'),
    card: box('.sl-detail article'),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}

describe.skipIf(unavailable !== null)(`The devtools panel docked at the bottom and the side of real Chromium's devtools${unavailable ? ` (SKIPPED: ${unavailable})` : ''}`, () => {
  let site: { url: string; close(): Promise<void> };
  let browser: ExtensionBrowser;
  let devtools: RemotePage;
  let panel: RemotePage;

  beforeAll(async () => {
    site = await startDemoSite();
    const origin = new URL(site.url).origin;
    browser = await launchWithExtension({ devtools: true, nativeUi: true });
    const tab = browser.context.pages()[0] ?? (await browser.context.newPage());
    await tab.goto(site.url);
    ({ devtools, panel } = await openDevtoolsPanel(browser));
    const popup = await openPopup(browser, origin);
    const allow = `Allow Session Lens to read cookies on ${new URL(site.url).host}`;
    await popup.click('the Allow button', (label) => [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === label), allow);
    await browser.nativeUi!.pressDialogButton('ExtensionInstallDialogView', 'Allow');
    await panel.waitFor('the panel to list the sessions', () => document.querySelectorAll('[role="option"]').length >= 5 || null, []);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Docks devtools as its own dock-side menu does, and waits for the panel to take the new size. */
  async function dock(side: 'bottom' | 'right'): Promise<ReturnType<typeof panelLayout>> {
    await devtools.evaluateExpression(`import('./ui/legacy/legacy.js').then((UI) => { UI.DockController.DockController.instance().setDockSide(${JSON.stringify(side)}); return true; })`);
    const wide = side === 'bottom';
    return panel.waitFor(`the panel docked at the ${side}`, (wantWide: boolean) => {
      const shaped = wantWide ? innerWidth > 2 * innerHeight : innerHeight > innerWidth;
      return shaped && document.querySelector('.sl-detail article') !== null ? true : null;
    }, [wide]).then(() => panel.evaluate(panelLayout));
  }

  it('docked at the bottom: the sessions listed left of the selected one\'s card, nothing scrolls sideways', async () => {
    const layout = await dock('bottom');
    expect(layout.card!.x).toBeGreaterThanOrEqual(layout.list!.right);
    expect(layout.card!.y).toBe(layout.list!.y);
    expect(layout.sideways).toBe(0);
  });

  it('docked at the side: the list stacked above the card, nothing scrolls sideways', async () => {
    const layout = await dock('right');
    expect(layout.card!.y).toBeGreaterThanOrEqual(layout.list!.bottom);
    expect(layout.card!.x).toBe(layout.list!.x);
    expect(layout.sideways).toBe(0);
  });
});
