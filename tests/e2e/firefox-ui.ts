// Firefox's own UI, reached through chrome-scope scripts (WebDriver BiDi with --remote-allow-system-access): the
// toolbar popup, the devtools panel, the permission prompt, private windows, and the extension pages inside them.
// BiDi addresses only tabs, so pages in a popup or a devtools panel are driven with a frame script that runs in
// their process; clicks are synthesized there as real (trusted) mouse input, so permission requests accept them.
import type { BiDiSession } from './firefox-bidi';

/** What a Session Lens page shows, read from its DOM. */
export interface PageSnapshot {
  /** The heading of a whole-page state ("Session Lens needs permission…"), or null when cookies are shown. */
  state: string | null;
  /** Each session card's signature status (`data-status` of its badge), in order. */
  badges: string[];
  /** The usernames in the decoded payloads (`username: "…"` lines). */
  usernames: string[];
  text: string;
}

/** Code that runs inside a page: `(win, ...args) => value`, where `win` is the page's window. */
type PageFunction = string;

const SNAPSHOT: PageFunction = `(win) => {
  const doc = win.document;
  const text = doc.body ? doc.body.innerText : '';
  return {
    state: doc.querySelector('.sl-state h2')?.textContent ?? null,
    badges: [...doc.querySelectorAll('.sl-card .sl-badge')].map((badge) => badge.getAttribute('data-status')),
    usernames: [...text.matchAll(/username: "([^"]*)"/g)].map((match) => match[1]),
    text,
  };
}`;

/**
 * Clicks the first element whose text contains `label` (buttons, summaries): with `trusted`, a real left click in its
 * middle (mouse input as the user makes it: what permissions.request needs), else a DOM click.
 */
const CLICK: PageFunction = `async (win, selector, label, trusted) => {
  const find = () => [...win.document.querySelectorAll(selector)].find((candidate) => candidate.textContent.includes(label));
  for (let waited = 0; !find() && waited < 5000; waited += 50) await new Promise((resolve) => win.setTimeout(resolve, 50));
  const element = find();
  if (!element) throw new Error('nothing to click: ' + selector + ' "' + label + '"');
  if (!trusted) {
    element.click();
    return element.textContent;
  }
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  for (const type of ['mousedown', 'mouseup']) {
    win.synthesizeMouseEvent(type, box.x + box.width / 2, box.y + box.height / 2, { button: 0, clickCount: 1 }, { isDOMEventSynthesized: false });
  }
  return element.textContent;
}`;

/** Types into the first input or textarea matching `selector` the way React notices (native setter, then an input event). */
const TYPE: PageFunction = `(win, selector, value) => {
  const input = win.document.querySelector(selector);
  if (!input) throw new Error('no input ' + selector);
  input.focus();
  const field = input instanceof win.HTMLTextAreaElement ? win.HTMLTextAreaElement : win.HTMLInputElement;
  Object.getOwnPropertyDescriptor(field.prototype, 'value').set.call(input, value);
  input.dispatchEvent(new win.Event('input', { bubbles: true }));
  return true;
}`;

/** Chrome-window helpers, installed once into the browser window the BiDi chrome context runs in. */
const CHROME_HELPERS = `() => {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const windows = () => [...Services.wm.getEnumerator('navigator:browser')];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const helpers = {
    windows,
    sleep,
    /** What clicking the extension's toolbar button does: opens its popup over that window's selected tab. */
    clickToolbarButton: (win, id) => ExtensionParent.apiManager.global.browserActionFor(ExtensionParent.GlobalManager.getExtension(id)).triggerAction(win),
    tabId: (tab) => ExtensionParent.apiManager.global.tabTracker.getId(tab),
    /** The tab (any window) whose URL starts with the prefix. */
    findTab(prefix) {
      for (const win of windows()) for (const tab of win.gBrowser.tabs) if (tab.linkedBrowser.currentURI.spec.startsWith(prefix)) return tab;
      throw new Error('no tab at ' + prefix);
    },
    async waitFor(what, find, timeout = 10000) {
      const end = Date.now() + timeout;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > end) throw new Error('timed out waiting for ' + what);
        await sleep(50);
      }
    },
    /** Runs a PageFunction in the page shown by a <browser> (a tab, the popup, a devtools panel). */
    evalIn(browser, source, args) {
      const mm = browser.messageManager;
      if (!mm) return Promise.reject(new Error('that browser has no message manager yet'));
      const name = 'session-lens-e2e:' + Math.random();
      return new Promise((resolve, reject) => {
        const listener = (message) => {
          mm.removeMessageListener(name, listener);
          if (message.data.ok) resolve(message.data.value);
          else reject(new Error(message.data.error));
        };
        mm.addMessageListener(name, listener);
        const script = '(async () => { let reply; try { reply = { ok: true, value: await (' + source + ')(content, ...' + JSON.stringify(args) +
          ') }; } catch (error) { reply = { ok: false, error: String(error) + " " + (error && error.stack || "") }; } sendAsyncMessage(' + JSON.stringify(name) + ', reply); })();';
        mm.loadFrameScript('data:,' + encodeURIComponent(script), false);
      });
    },
    /**
     * The page in the shown toolbar popup. Firefox loads it first in a hidden preload browser, then moves it into the
     * popup's own browser (swapDocShells) and removes the preload one: a frame script sent there is never answered.
     */
    popupBrowser: (win) => [...win.document.querySelectorAll('browser[webextension-view-type="popup"]:not(.webextension-preload-browser)')]
      .find((b) => b.messageManager && b.currentURI.spec.includes('/popup.html')),
    panelBrowser(toolbox) {
      const docs = [toolbox.doc, ...[...toolbox.doc.querySelectorAll('iframe')].map((frame) => frame.contentDocument).filter(Boolean)];
      return docs.flatMap((doc) => [...doc.querySelectorAll('browser')]).find((b) => b.messageManager && b.currentURI?.spec.includes('/devtools-panel.html'));
    },
    /** The page in the first window's open sidebar, when it is Session Lens's (the sidebar is a document of its own). */
    sidebarBrowser() {
      const sidebar = helpers.windows()[0].document.getElementById('sidebar')?.contentDocument;
      return [...(sidebar?.querySelectorAll('browser') ?? [])].find((b) => b.messageManager && b.currentURI?.spec.includes('/sidepanel.html'));
    },
    devtools() {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      return require('devtools/client/framework/devtools').gDevTools;
    },
  };
  window.__sessionLensE2E = helpers;
  return true;
}`;

/** Where a Session Lens page is shown. */
export type PageTarget = { kind: 'popup' } | { kind: 'panel' } | { kind: 'sidebar' } | { kind: 'tab'; urlPrefix: string };

export class FirefoxUi {
  private constructor(
    private readonly bidi: BiDiSession,
    /** The BiDi id of the first browser window's chrome context (system access). */
    private readonly chrome: string,
    readonly extensionId: string,
  ) {}

  static async attach(bidi: BiDiSession, extensionId: string): Promise<FirefoxUi> {
    const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const chrome = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml')?.context;
    if (!chrome) throw new Error(`no browser window among ${JSON.stringify(tree.contexts)}`);
    await bidi.call(chrome, CHROME_HELPERS);
    return new FirefoxUi(bidi, chrome, extensionId);
  }

  /** Runs `(helpers, ...args) => value` in the browser window's chrome scope. */
  chromeScript<T>(body: string, args: unknown[] = []): Promise<T> {
    return this.bidi.call<T>(this.chrome, `(...args) => (${body})(window.__sessionLensE2E, ...args)`, args);
  }

  /** The WebExtension tab id of the tab whose URL starts with the prefix. */
  tabId(urlPrefix: string): Promise<number> {
    return this.chromeScript('(h, prefix) => h.tabId(h.findTab(prefix))', [urlPrefix]);
  }

  /** Selects the tab whose URL starts with the prefix (in its own window) and clicks Session Lens's toolbar button. */
  async openPopup(urlPrefix: string): Promise<void> {
    await this.closePopups();
    await this.chromeScript(
      `async (h, prefix, id) => {
        const tab = h.findTab(prefix);
        const win = tab.ownerDocument.defaultView;
        win.gBrowser.selectedTab = tab;
        win.focus(); // Firefox opens an action's popup only in the focused window
        await h.waitFor('the window to take focus', () => Services.focus.activeWindow === win);
        h.clickToolbarButton(win, id);
        h.popupWindow = win;
        await h.waitFor('the toolbar popup', () => h.popupBrowser(win));
        return true;
      }`,
      [urlPrefix, this.extensionId],
    );
  }

  /** Closes any open toolbar popup. */
  closePopups(): Promise<void> {
    return this.chromeScript(`async (h) => {
      for (const win of h.windows()) h.popupBrowser(win)?.closest('panel')?.hidePopup();
      await h.waitFor('the popup to close', () => h.windows().every((win) => !h.popupBrowser(win)));
    }`);
  }

  /** Opens the devtools toolbox on the tab whose URL starts with the prefix and selects the Session panel. */
  async openPanel(urlPrefix: string): Promise<void> {
    await this.chromeScript(
      `async (h, prefix) => {
        const tab = h.findTab(prefix);
        tab.ownerDocument.defaultView.gBrowser.selectedTab = tab;
        const toolbox = await h.devtools().showToolboxForTab(tab, { toolId: 'webconsole' });
        const tool = await h.waitFor('the Session panel to register', () => toolbox.getAdditionalTools().find((t) => t.id.startsWith('webext-devtools-panel')), 20000);
        if (tool.label !== 'Session') throw new Error('the panel is called ' + tool.label);
        await toolbox.selectTool(tool.id);
        h.toolbox = toolbox;
        h.toolboxTab = tab;
        await h.waitFor('the Session panel page', () => h.panelBrowser(toolbox));
        return true;
      }`,
      [urlPrefix],
    );
  }

  closePanel(): Promise<void> {
    return this.chromeScript(`async (h) => {
      if (h.toolboxTab) await h.devtools().closeToolboxForTab(h.toolboxTab);
      h.toolbox = h.toolboxTab = undefined;
    }`);
  }

  /** Runs a PageFunction in a Session Lens page: the open popup, the open panel, or a tab. */
  private inPage<T>(target: PageTarget, source: PageFunction, args: unknown[] = []): Promise<T> {
    return this.chromeScript<T>(
      `async (h, target, source, args) => {
        const browser = target.kind === 'popup' ? h.popupBrowser(h.popupWindow)
          : target.kind === 'panel' ? h.panelBrowser(h.toolbox)
          : target.kind === 'sidebar' ? h.sidebarBrowser()
          : h.findTab(target.urlPrefix).linkedBrowser;
        if (!browser) throw new Error('no ' + target.kind + ' page is open');
        return h.evalIn(browser, source, args);
      }`,
      [target, source, args],
    );
  }

  /** Runs `(win, ...args) => value` (source text) in a Session Lens page and returns its value. */
  evaluate<T>(target: PageTarget, source: string, args: unknown[] = []): Promise<T> {
    return this.inPage<T>(target, source, args);
  }

  snapshot(target: PageTarget): Promise<PageSnapshot> {
    return this.inPage(target, SNAPSHOT);
  }

  /** Polls the page until `ready` holds; returns that snapshot, or fails with the last one seen. */
  async waitForPage(target: PageTarget, what: string, ready: (page: PageSnapshot) => boolean, timeout = 10_000): Promise<PageSnapshot> {
    const end = Date.now() + timeout;
    let last: PageSnapshot | string = 'nothing yet';
    for (;;) {
      try {
        last = await this.snapshot(target);
        if (ready(last)) return last;
      } catch (error) {
        last = String(error); // the page may still be loading
      }
      if (Date.now() > end) throw new Error(`${target.kind} never showed ${what}; last seen: ${typeof last === 'string' ? last : JSON.stringify({ ...last, text: last.text.slice(0, 600) })}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Clicks a button: real mouse input in the popup and in tabs; a DOM click in the devtools panel, where synthesized
   * mouse input lands off target (shifted by about the toolbox's tab bar) and where nothing needs a user gesture.
   */
  click(target: PageTarget, selector: string, label: string): Promise<string> {
    return this.inPage(target, CLICK, [selector, label, target.kind !== 'panel']);
  }

  type(target: PageTarget, selector: string, value: string): Promise<void> {
    return this.inPage(target, TYPE, [selector, value]);
  }

  /** Waits for Firefox's "Session Lens requests additional permissions" prompt, returns its text and accepts it. */
  acceptPermissionPrompt(): Promise<string> {
    return this.chromeScript(`async (h) => {
      const found = await h.waitFor('the permission prompt', () => {
        for (const win of h.windows()) {
          const notification = win.PopupNotifications.getNotification('addon-webext-permissions', win.gBrowser.selectedBrowser);
          const element = win.document.getElementById('addon-webext-permissions-notification');
          if (notification && element && win.PopupNotifications.panel.state === 'open') return { win, element };
        }
        return null;
      });
      const text = found.element.textContent.replace(/\\s+/g, ' ').trim();
      found.element.querySelector('.popup-notification-primary-button').click();
      await h.waitFor('the prompt to close', () => found.win.PopupNotifications.panel.state !== 'open');
      return text;
    }`);
  }

  /** Opens a private browsing window on `url`. */
  openPrivateWindow(url: string): Promise<void> {
    return this.chromeScript(
      `async (h, url) => {
        const win = OpenBrowserWindow({ private: true });
        await h.waitFor('the private window to start', () => win.gBrowserInit?.delayedStartupFinished);
        win.gBrowser.selectedBrowser.fixupAndLoadURIString(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        await h.waitFor('the private page', () => win.gBrowser.selectedBrowser.currentURI.spec.startsWith(url));
        return true;
      }`,
      [url],
    );
  }

  setPref(name: string, value: boolean): Promise<void> {
    return this.chromeScript('(h, name, value) => { Services.prefs.setBoolPref(name, value); }', [name, value]);
  }
}
