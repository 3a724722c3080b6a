// The popup starts watching its tab before its views load: the update that arrives first is kept for them, and a
// watch reconnects when the background restarts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { TAB_COOKIES_PORT, type TabCookiesUpdate } from '../../lib/browser/tab-channel';
import { TabWatch } from '../../lib/browser/tab-watch';

interface FakePort {
  name: string;
  sent: unknown[];
  receive(message: unknown): void;
  drop(): void;
  disconnected: boolean;
}

let ports: FakePort[];

function fakePort(name: string): FakePort & Browser.runtime.Port {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port = {
    name,
    sent: [] as unknown[],
    disconnected: false,
    onMessage: { addListener: (listener: (message: unknown) => void) => onMessage.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => onDisconnect.push(listener) },
    postMessage: (message: unknown) => port.sent.push(message),
    disconnect: () => (port.disconnected = true),
    receive: (message: unknown) => onMessage.forEach((listener) => listener(message)),
    drop: () => onDisconnect.forEach((listener) => listener()),
  };
  return port as unknown as FakePort & Browser.runtime.Port;
}

const UPDATE: TabCookiesUpdate = { type: 'tab-cookies', tab: { kind: 'no-access', url: 'https://a.example/', site: 'https://a.example', host: 'a.example' } };

describe('TabWatch', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    ports = [];
    vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info: { name: string }) => {
      const port = fakePort(info.name);
      ports.push(port);
      return port;
    }) as never);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('asks for the tab at once and keeps what arrives before anyone listens', () => {
    const watch = new TabWatch(3, 'https://a.example/');
    expect(ports.map((port) => [port.name, port.sent])).toEqual([[TAB_COOKIES_PORT, [{ type: 'watch', tabId: 3, url: 'https://a.example/' }]]]);
    ports[0]!.receive(UPDATE);
    ports[0]!.receive({ type: 'tab-cookies', tab: { kind: 'surprise' } });
    const seen: TabCookiesUpdate[] = [];
    watch.listen((update) => seen.push(update));
    expect(seen).toEqual([UPDATE]);
    ports[0]!.receive(UPDATE);
    expect(seen).toEqual([UPDATE, UPDATE]);
  });

  it('watches again on a new port when the background drops the port; not once closed', () => {
    vi.useFakeTimers();
    const watch = new TabWatch(3);
    ports[0]!.drop();
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.sent).toEqual([{ type: 'watch', tabId: 3 }]);
    watch.close();
    expect(ports[1]!.disconnected).toBe(true);
    ports[1]!.drop();
    vi.advanceTimersByTime(1000);
    expect(ports).toHaveLength(2);
  });
});
