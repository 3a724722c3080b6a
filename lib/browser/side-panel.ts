// Opening Session Lens's side panel from the popup: Chrome's side panel, Firefox's sidebar. Both browsers open it
// only from a user's action, so `openSidePanel` is called straight from a click, before anything is awaited.
import { browser } from 'wxt/browser';

/** Firefox's sidebar, which Chrome's typings do not know. */
type WithSidebar = { sidebarAction?: { open(): Promise<void> } };

/** Whether this browser has a side panel Session Lens can open. */
export function canOpenSidePanel(): boolean {
  return typeof browser.sidePanel?.open === 'function' || typeof (browser as WithSidebar).sidebarAction?.open === 'function';
}

/** Opens the side panel of the window showing `tabId`; it follows that window's active tab from then on. */
export function openSidePanel(tabId: number): Promise<void> {
  // Chrome: with no panel set for one tab, a tab's id opens the window's panel.
  if (typeof browser.sidePanel?.open === 'function') return browser.sidePanel.open({ tabId });
  const sidebar = (browser as WithSidebar).sidebarAction;
  return sidebar ? sidebar.open() : Promise.reject(new Error('This browser has no side panel.'));
}
