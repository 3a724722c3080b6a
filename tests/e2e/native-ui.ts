// Chromium's own dialogs (the extension permission prompt) are native views, out of reach of CDP and Playwright.
// Chromium's UI DevTools (--enable-ui-devtools, the "Inspect native UI" of chrome://inspect) serves the views tree
// over a CDP-like protocol; with the ui-debug-tools-enable-synthetic-events feature it also delivers mouse events
// to a view, which is how the test presses the prompt's real "Allow" button.
import { CdpClient, readActivePort, sleep } from './cdp';

/**
 * Chromium flags that turn on UI DevTools (port written to UIDevToolsActivePort) with synthetic input.
 */
export const NATIVE_UI_FLAGS = ['--enable-ui-devtools=0', '--enable-features=ui-debug-tools-enable-synthetic-events'];

/**
 * Between clicks: dialogs drop clicks that come within a double-click interval (500 ms) of being shown or of the
 * previous click (views' InputEventActivationProtector, against click-jacking); a first click that came too soon is
 * repeated after this.
 */
const CLICK_SPACING_MS = 1_000;

interface ViewNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: ViewNode[];
}

/** A native dialog as the user sees it: its texts and its buttons. */
export interface NativeDialog {
  texts: string[];
  buttons: string[];
}

export class NativeUi {
  private constructor(private readonly client: CdpClient) {}

  static async connect(userDataDir: string): Promise<NativeUi> {
    const [port] = await readActivePort(userDataDir, 'UIDevToolsActivePort');
    const client = await CdpClient.connect(`ws://127.0.0.1:${port}/0`);
    await client.send('DOM.enable');
    return new NativeUi(client);
  }

  /** The text a view shows (Label, button label), read from its properties as UI DevTools lists them. */
  private async textOf(node: ViewNode): Promise<string | undefined> {
    const styles = await this.client.send('CSS.getMatchedStylesForNode', { nodeId: node.nodeId }).catch(() => null);
    for (const rule of styles?.matchedCSSRules ?? []) {
      for (const property of rule.rule?.style?.cssProperties ?? []) if (property.name === 'Text') return property.value as string;
    }
    return undefined;
  }

  /** The open widget named `widgetName` (e.g. ExtensionInstallDialogView) in a fresh read of the views tree. */
  private async findWidget(widgetName: string): Promise<ViewNode | undefined> {
    // Every DOM.getDocument renumbers the nodes: ids from an earlier read may now name other views.
    const { root } = await this.client.send<{ root: ViewNode }>('DOM.getDocument');
    return find(root, (node) => node.nodeName === 'Widget' && attribute(node, 'name') === widgetName);
  }

  /** The dialog's texts and buttons, and the node of the button labelled `buttonText`. */
  private async readDialog(widget: ViewNode, buttonText: string): Promise<{ dialog: NativeDialog; button?: ViewNode }> {
    const dialog: NativeDialog = { texts: [], buttons: [] };
    let button: ViewNode | undefined;
    for (const node of all(widget)) {
      const kind = attribute(node, 'class');
      if (kind === 'Label') {
        const text = await this.textOf(node);
        if (text) dialog.texts.push(text);
      } else if (kind === 'MdTextButton') {
        const label = node.children?.find((child) => attribute(child, 'class') === 'LabelButtonLabel');
        const text = label ? await this.textOf(label) : undefined;
        if (text === undefined) continue;
        dialog.buttons.push(text);
        if (text === buttonText) button = node;
      }
    }
    return { dialog, ...(button ? { button } : {}) };
  }

  /** A view's properties as UI DevTools lists them (Text, Enabled, IsDrawn…), flattened. */
  private async propertiesOf(node: ViewNode): Promise<Record<string, string>> {
    const styles = await this.client.send('CSS.getMatchedStylesForNode', { nodeId: node.nodeId }).catch(() => null);
    const properties: Record<string, string> = {};
    for (const rule of styles?.matchedCSSRules ?? []) for (const property of rule.rule?.style?.cssProperties ?? []) properties[property.name] ??= property.value;
    return properties;
  }

  /**
   * Waits for the dialog `widgetName`, reads it, and presses its button labelled `buttonText` with a real
   * (synthetic) click once the button is enabled and drawn; clicks again, slower than a double click, until the
   * dialog closes. Returns what the dialog said.
   */
  async pressDialogButton(widgetName: string, buttonText: string, timeoutMs = 15_000): Promise<NativeDialog> {
    const deadline = Date.now() + timeoutMs;
    let seen: NativeDialog | undefined;
    for (;;) {
      const widget = await this.findWidget(widgetName);
      if (!widget && seen) return seen;
      if (widget) {
        const { dialog, button } = await this.readDialog(widget, buttonText);
        if (!button) throw new Error(`The ${widgetName} has no "${buttonText}" button: ${JSON.stringify(dialog)}`);
        seen ??= dialog;
        const { Enabled, IsDrawn } = await this.propertiesOf(button);
        if (Enabled === 'true' && IsDrawn === 'true') {
          for (const type of ['mousePressed', 'mouseReleased']) {
            await this.client.send('DOM.dispatchMouseEvent', { nodeId: button.nodeId, event: { type, x: 4, y: 4, button: 'left', wheelDirection: 'none' } });
          }
          await sleep(CLICK_SPACING_MS);
          continue;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(seen ? `${widgetName} stayed open after pressing "${buttonText}": ${JSON.stringify(seen)}` : `No native ${widgetName} opened in ${timeoutMs / 1000} s`);
      }
      await sleep(100);
    }
  }

  close(): void {
    this.client.close();
  }
}

function attribute(node: ViewNode, name: string): string | undefined {
  const attributes = node.attributes ?? [];
  for (let i = 0; i + 1 < attributes.length; i += 2) if (attributes[i] === name) return attributes[i + 1];
  return undefined;
}

function* all(node: ViewNode): Generator<ViewNode> {
  yield node;
  for (const child of node.children ?? []) yield* all(child);
}

function find(node: ViewNode, matches: (node: ViewNode) => boolean): ViewNode | undefined {
  for (const candidate of all(node)) if (matches(candidate)) return candidate;
  return undefined;
}
